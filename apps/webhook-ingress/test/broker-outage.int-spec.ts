// With RabbitMQ unreachable the ingress stays ready and keeps accepting webhooks (SPEC §1:
// the outbox holds them); once the broker is back every accepted event is published.
import { randomUUID } from 'node:crypto';
import { Exchanges } from '@herald/contracts';
import {
  countMessages,
  createTestInfrastructure,
  eventually,
  seedIntegration,
  seedTenant,
  startTcpProxy,
  startTestApp,
  TcpProxy,
  TestApp,
  TestInfrastructure,
} from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { acmeBody, acmeSignature, post } from './webhook-client';

const SECRET = 'acme-outage-secret';

describe('webhook-ingress while RabbitMQ is down', () => {
  let infra: TestInfrastructure;
  let mqProxy: TcpProxy;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('webhooks_outage');
    mqProxy = await startTcpProxy(infra.amqpUrl);
    app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, {
      AMQP_URL: mqProxy.url,
      ACME_WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'fatal',
    });
    await seedTenant(app.dataSource, 'tn_outage', []);
    await seedIntegration(app.dataSource, app.config, 'tn_outage', { provider: 'acme', isDefault: true });
  });

  afterAll(async () => {
    mqProxy?.restore();
    await app?.close();
    await mqProxy?.close();
    await infra?.teardown();
  });

  it('answers 202 and stays ready while the broker is cut, then publishes every accepted event once it is back', async () => {
    const published = await countMessages(infra, Exchanges.events, 'webhook.#');
    try {
      mqProxy.cut();
      const answers = [];
      for (let i = 0; i < 5; i++) {
        const body = acmeBody(`evt_${randomUUID()}`);
        answers.push(await post(`${app.url}/api/v1/webhooks/acme`, body, { 'x-acme-signature': acmeSignature(body, [SECRET]) }));
      }
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
      expect((await fetch(`${app.url}/api/v1/health/ready`)).status).toBe(200);
      const waiting = (await app.dataSource.query('SELECT count(*)::int AS n FROM outbox')) as Array<{ n: number }>;
      expect(waiting[0].n).toBe(5);

      mqProxy.restore();
      const eventIds = answers.map((a) => a.body.data?.event_id as string);
      await eventually(async () => (eventIds.every((id) => published.received.has(id)) ? true : undefined), 15_000, 'every accepted event published');
      expect(published.received.get(eventIds[0])?.routingKey).toBe('webhook.acme.order.created');
    } finally {
      await published.close();
    }
  });
});
