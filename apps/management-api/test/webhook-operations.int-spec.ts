// The management side of POST /webhooks/:id/test and /webhooks/:id/recover (SPEC §8, §9), on
// real Postgres and RabbitMQ without a delivery worker: what each commits through
// management_outbox and publishes (a one-attempt `webhook.test` delivery job on
// herald.deliveries; a `webhook_subscription.recover` command on herald.reports), the audit
// entry, the 202 `pending` answer of a test nobody attempts within WEBHOOK_TEST_TIMEOUT_MS, and
// the refusals: 401, 403 (scope, plan), 404 (another tenant's, not an id), 409 (disabled test),
// 400 naming the field. The attempt itself, through a real worker, is e2e/test/webhook-operations.int-spec.ts.
import amqplib from 'amqplib';
import { DeliveryJobContract, Exchanges, WEBHOOK_RECOVER_ROUTING_KEY, WebhookRecoverContract } from '@herald/contracts';
import type { WebhookRecoverAccepted, WebhookSubscriptionView, WebhookTestResult } from '@herald/management';
import { createTestInfrastructure, eventually, seedApiKey, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { adminOf, auditOf, bearer, call, errorPaths, OPERATOR } from './management-client';

const DAY_MS = 86_400_000;

// the box running these is shared and loaded: booting the app can take longer than Jest's 5 s default
jest.setTimeout(60_000);

describe('webhook-subscription operations: test and recover', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;
  let connection: amqplib.ChannelModel;
  let channel: amqplib.Channel;
  const jobsQueue = () => `${infra.amqpPrefix}test.listen.jobs`;
  const commandsQueue = () => `${infra.amqpPrefix}test.listen.recover`;

  beforeAll(async () => {
    infra = await createTestInfrastructure('management_webhook_ops');
    app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, { WEBHOOK_TEST_TIMEOUT_MS: '300' });
    await seedTenant(app.dataSource, 'tn_a', [], 'scale');
    await seedTenant(app.dataSource, 'tn_b', [], 'enterprise');
    [adminA, adminB] = [adminOf(app, 'tn_a'), adminOf(app, 'tn_b')];
    connection = await amqplib.connect(infra.amqpUrl);
    channel = await connection.createChannel();
    for (const [queue, exchange, key] of [
      [jobsQueue(), Exchanges.deliveries, 'webhook'],
      [commandsQueue(), Exchanges.reports, WEBHOOK_RECOVER_ROUTING_KEY],
    ]) {
      await channel.assertQueue(queue, { durable: false });
      await channel.bindQueue(queue, `${infra.amqpPrefix}${exchange}`, key);
    }
    infra.trackQueues([jobsQueue(), commandsQueue()]);
  });

  afterAll(async () => {
    await connection?.close();
    await app?.close();
    await infra?.teardown();
  });

  /** The next message on one of the listening queues, as published (body and headers). */
  const nextOn = (queue: string) =>
    eventually(async () => {
      const msg = await channel.get(queue, { noAck: true });
      return msg ? { body: JSON.parse(msg.content.toString()) as unknown, headers: msg.properties.headers ?? {}, routingKey: msg.fields.routingKey } : undefined;
    }, 8000, `a message on ${queue}`);

  let serial = 0;
  const newSubscription = async (auth = adminA, overrides: object = {}): Promise<WebhookSubscriptionView> => {
    const res = await call<WebhookSubscriptionView>(app, 'POST', '/webhooks', auth, { url: `https://hooks.example.test/${++serial}`, ...overrides });
    expect(res.status).toBe(201);
    return res.body.data;
  };

  describe('POST /webhooks/:id/test', () => {
    it('commits a one-attempt webhook.test job for the subscription and answers 202 pending when no worker attempts it in time; audits it', async () => {
      const made = await newSubscription();
      const res = await call<WebhookTestResult>(app, 'POST', `/webhooks/${made.id}/test`, { ...adminA, 'x-request-id': 'req-test-sub' });
      expect(res.status).toBe(202);
      expect(res.body.data).toEqual({ delivery_id: expect.any(String), webhook_id: res.body.data.delivery_id, event_type: 'webhook.test', status: 'pending', attempt: null });

      const published = await nextOn(jobsQueue());
      const job = DeliveryJobContract.parse(published.body);
      expect(job).toEqual({
        contract_version: 1,
        delivery_id: res.body.data.delivery_id,
        tenant_id: 'tn_a',
        event_id: expect.any(String),
        channel: 'webhook',
        destination: { kind: 'webhook_subscription', subscription_id: made.id },
        event: { type: 'webhook.test', timestamp: expect.any(String), data: expect.objectContaining({ subscription_id: made.id }) },
        test: true,
      });
      expect(published.headers).toMatchObject({ tenant_id: 'tn_a', request_id: 'req-test-sub', delivery_id: job.delivery_id });
      // a fresh event id that is no event's: no event's status moves
      expect(await app.dataSource.query('SELECT id FROM events WHERE id = $1', [job.event_id])).toEqual([]);
      expect(await auditOf(app, 'webhook_subscription', made.id)).toEqual([
        expect.objectContaining({ action: 'webhook_subscription.created' }),
        expect.objectContaining({ tenant_id: 'tn_a', request_id: 'req-test-sub', actor: 'user:u_admin', action: 'webhook_subscription.tested' }),
      ]);
    });

    it('refuses a disabled subscription (409 CONFLICT) and publishes nothing', async () => {
      const made = await newSubscription(adminA, { enabled: false });
      const res = await call(app, 'POST', `/webhooks/${made.id}/test`, adminA);
      expect([res.status, res.body.error.code]).toEqual([409, 'CONFLICT']);
      expect(await channel.get(jobsQueue(), { noAck: true })).toBe(false);
    });
  });

  describe('POST /webhooks/:id/recover', () => {
    it('answers 202 with the request, commits a recover command for the worker, and audits it', async () => {
      const made = await newSubscription();
      const until = new Date();
      const since = new Date(until.getTime() - DAY_MS);
      const res = await call<WebhookRecoverAccepted>(app, 'POST', `/webhooks/${made.id}/recover`, { ...adminA, 'x-request-id': 'req-recover' }, { since: since.toISOString(), until: until.toISOString() });
      expect(res.status).toBe(202);
      expect(res.body.data).toEqual({ recover_request_id: expect.any(String), subscription_id: made.id, since: since.toISOString(), until: until.toISOString() });

      const published = await nextOn(commandsQueue());
      expect(published.routingKey).toBe(WEBHOOK_RECOVER_ROUTING_KEY);
      expect(WebhookRecoverContract.parse(published.body)).toEqual({
        contract_version: 1,
        recover_request_id: res.body.data.recover_request_id,
        tenant_id: 'tn_a',
        subscription_id: made.id,
        since: since.toISOString(),
        until: until.toISOString(),
        requested_at: expect.any(String),
      });
      expect(published.headers).toMatchObject({ tenant_id: 'tn_a', request_id: 'req-recover' });
      expect(await auditOf(app, 'webhook_subscription', made.id)).toEqual([
        expect.objectContaining({ action: 'webhook_subscription.created' }),
        expect.objectContaining({ request_id: 'req-recover', action: 'webhook_subscription.recover_requested' }),
      ]);
    });

    it('answers 400 naming the field for a bad window, and publishes nothing', async () => {
      const made = await newSubscription();
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();
      const cases: Array<[object, string[]]> = [
        [{ until: iso(now) }, ['since']],
        [{ since: iso(now - 1000) }, ['until']],
        [{ since: 'yesterday', until: iso(now) }, ['since']],
        [{ since: iso(now - 1000), until: 12 }, ['until']],
        [{ since: iso(now), until: iso(now - 1000) }, ['since']],
        [{ since: iso(now), until: iso(now) }, ['since']],
        [{ since: iso(now - 1000), until: iso(now + DAY_MS) }, ['until']],
        [{ since: iso(now - 15 * DAY_MS), until: iso(now) }, ['since']],
      ];
      for (const [body, paths] of cases) {
        const res = await call(app, 'POST', `/webhooks/${made.id}/recover`, adminA, body);
        expect([JSON.stringify(body), res.status, res.body.error.code, errorPaths(res)]).toEqual([JSON.stringify(body), 400, 'VALIDATION_ERROR', paths]);
      }
      const fourteenDays = await call(app, 'POST', `/webhooks/${made.id}/recover`, adminA, { since: iso(now - 14 * DAY_MS), until: iso(now) });
      expect(fourteenDays.status).toBe(202);
      await nextOn(commandsQueue());
      expect(await channel.get(commandsQueue(), { noAck: true })).toBe(false);
    });
  });

  it("answers 404 for another tenant's subscription or a non-id, 401 without credentials, 403 without the scope or the plan", async () => {
    const ofB = await newSubscription(adminB);
    const window = { since: new Date(Date.now() - 3600_000).toISOString(), until: new Date().toISOString() };
    const routes: Array<[string, object | undefined]> = [
      ['test', undefined],
      ['recover', window],
    ];
    for (const [op, body] of routes) {
      for (const id of [ofB.id, 'not-an-id']) {
        const res = await call(app, 'POST', `/webhooks/${id}/${op}`, adminA, body);
        expect([op, id, res.status, res.body.error.code]).toEqual([op, id, 404, 'RESOURCE_NOT_FOUND']);
      }
      const noAuth = await call(app, 'POST', `/webhooks/${ofB.id}/${op}`, {}, body);
      expect([op, noAuth.status, noAuth.body.error.code]).toEqual([op, 401, 'AUTHENTICATION_REQUIRED']);
      const publisher = await seedApiKey(app.dataSource, 'tn_b', { scopes: ['events:publish'] });
      const unscoped = await call(app, 'POST', `/webhooks/${ofB.id}/${op}`, { 'x-api-key': publisher.key }, body);
      expect([op, unscoped.status, unscoped.body.error.code]).toEqual([op, 403, 'INSUFFICIENT_PERMISSIONS']);
    }

    await seedTenant(app.dataSource, 'tn_small', [], 'scale');
    const small = adminOf(app, 'tn_small');
    const made = await newSubscription(small);
    expect((await call(app, 'PATCH', '/tenants/tn_small', OPERATOR, { plan: 'growth' })).status).toBe(200);
    for (const [op, body] of routes) {
      const res = await call(app, 'POST', `/webhooks/${made.id}/${op}`, small, body);
      expect([op, res.status, res.body.error.code]).toEqual([op, 403, 'PLAN_UPGRADE_REQUIRED']);
    }
    const scoped = bearer(app.token({ sub: 'u_dev', tenant_id: 'tn_b', scope: ['webhooks:manage'] }));
    expect((await call(app, 'POST', `/webhooks/${ofB.id}/recover`, scoped, window)).status).toBe(202);
    // nothing of the refused requests was published
    expect((await nextOn(commandsQueue())).body).toMatchObject({ tenant_id: 'tn_b', subscription_id: ofB.id });
    expect(await channel.get(commandsQueue(), { noAck: true })).toBe(false);
    expect(await channel.get(jobsQueue(), { noAck: true })).toBe(false);
  });
});
