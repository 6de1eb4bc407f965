// Integration callbacks end to end on real Postgres and RabbitMQ (SPEC §5, §8): a provider
// webhook accepted by the ingress commits a `callback` outbox row with its event; the relay
// publishes it as a delivery.job@v1 on herald.deliveries (routing key `webhook`); the delivery
// worker reads the integration (read-only) and posts the normalized event to its callback URL,
// signed with Standard Webhooks (verified here with the public `standardwebhooks` library),
// webhook-id `<event_id>:callback`. A duplicate provider event — sequential or concurrent —
// sends nothing more. The event's derived status (management's event_status view) follows the
// callback; with no callback it is processed on acceptance. With RabbitMQ cut the ingress still
// accepts, and the relay's sweep rebuilds the same job from the event row once it is back.
import { createHmac, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DEV_INTEGRATION_CALLBACK_SECRET } from '@herald/platform/config';
import { Exchanges } from '@herald/contracts';
import {
  countMessages,
  createTestInfrastructure,
  eventually,
  seedIntegration,
  seedTenant,
  startTcpProxy,
  startTestApp,
  startWebhookReceiver,
  TcpProxy,
  TestApp,
  TestInfrastructure,
  WebhookReceiver,
} from '@herald/platform/testing';
import { WEBHOOK_INGRESS_DEFAULTS, WebhookIngressAppModule } from '@herald/ingress';
import { startDeliveryWorker } from './stack';

const TENANT = 'tn_callbacks';
const ENV_ACME_SECRET = 'acme-callbacks-env-secret';
const ENV_GLOBEX_TOKEN = 'globex-callbacks-env-token';
const CALLBACK_SECRET = `whsec_${Buffer.alloc(32, 0x5a).toString('base64')}`;
const ACME_SECRET = 'acme-callbacks-tenant-secret';

/** A partner's request: acme signs `<t>.<body>` with HMAC-SHA256, globex sends its token (README, "Webhook ingress"). */
async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: { data?: { event_id: string } } }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: (await res.json()) as { data?: { event_id: string } } };
}

function acmeSignature(body: string, secret: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

const acmeBody = (eventId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ eventId, eventType: 'order.created', occurredAt: '2026-11-25T10:00:00Z', data: { total: 10 }, ...extra });
const globexBody = (id: string) => JSON.stringify({ id, type: 'invoice.paid', timestamp: '2026-11-25T10:00:00Z', resource: { id: 'inv_1' } });

// two apps boot and each case waits on the relay and the worker (deadlines below): a loaded box needs more than 5 s
jest.setTimeout(90_000);

describe('integration callbacks: webhook ingress → relay → delivery worker', () => {
  let infra: TestInfrastructure;
  let mqProxy: TcpProxy;
  let ingress: TestApp;
  let worker: TestApp;
  let receiver: WebhookReceiver;
  let failing: WebhookReceiver;
  const ids = { acme: '', failing: '', none: '', inactive: '' };

  beforeAll(async () => {
    infra = await createTestInfrastructure('e2e_callbacks');
    mqProxy = await startTcpProxy(infra.amqpUrl);
    receiver = await startWebhookReceiver();
    failing = await startWebhookReceiver([{ status: 503, body: 'down' }]);
    ingress = await startTestApp(WEBHOOK_INGRESS_DEFAULTS, (c, logger) => WebhookIngressAppModule.forRoot(c, logger), infra, {
      AMQP_URL: mqProxy.url,
      ACME_WEBHOOK_SECRET: ENV_ACME_SECRET,
      GLOBEX_WEBHOOK_TOKEN: ENV_GLOBEX_TOKEN,
      LOG_LEVEL: 'fatal',
    });
    worker = await startDeliveryWorker(infra, {
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      DELIVERY_POLL_INTERVAL_MS: '50',
      DELIVERY_RETRY_SCHEDULE: '0.1,0.1',
      LOG_LEVEL: 'fatal',
    });
    await seedTenant(ingress.dataSource, TENANT, []);
    await seedTenant(ingress.dataSource, 'tn_callbacks_b', []);
    await seedTenant(ingress.dataSource, 'tn_callbacks_c', []);
    const seed = (tenant: string, fixture: Parameters<typeof seedIntegration>[3]) => seedIntegration(ingress.dataSource, ingress.config, tenant, fixture);
    // a tenant's own integration: its callback signed with its own callback_secret
    ids.acme = await seed(TENANT, { provider: 'acme', callbackUrl: `${receiver.url}/acme`, credentials: { secret: ACME_SECRET, callback_secret: CALLBACK_SECRET } });
    // globex's default integration: the ingress's own dev sink, signed with INTEGRATION_CALLBACK_SECRET (the demo's setup)
    await seed(TENANT, { provider: 'globex', isDefault: true, callbackUrl: `${ingress.url}/api/v1/internal/delivery-sink/globex` });
    ids.failing = await seed('tn_callbacks_b', { provider: 'acme', callbackUrl: `${failing.url}/down`, credentials: { secret: ACME_SECRET, callback_secret: CALLBACK_SECRET } });
    ids.none = await seed('tn_callbacks_c', { provider: 'acme', callbackUrl: null, credentials: { secret: ACME_SECRET } });
  });

  afterAll(async () => {
    mqProxy?.restore();
    await worker?.close();
    await ingress?.close();
    await mqProxy?.close();
    await receiver?.close();
    await failing?.close();
    await infra?.teardown();
  });

  const acme = (integrationId: string, body: string) =>
    post(`${ingress.url}/api/v1/webhooks/acme/${integrationId}`, body, { 'x-acme-signature': acmeSignature(body, ACME_SECRET) });
  const callbacksOf = (eventId: string) => receiver.received.filter((r) => r.headers['webhook-id'] === `${eventId}:callback`);
  const statusOf = async (eventId: string): Promise<string> =>
    ((await ingress.dataSource.query('SELECT status FROM event_status WHERE event_id = $1', [eventId])) as Array<{ status: string }>)[0]?.status;
  const statusBecomes = (eventId: string, status: string) =>
    eventually(async () => ((await statusOf(eventId)) === status ? true : undefined), 20_000, `event ${eventId} ${status}`);
  const deliveriesOf = async (eventId: string) =>
    (await ingress.dataSource.query('SELECT id, status, attempts, last_error FROM deliveries WHERE event_id = $1', [eventId])) as Array<{
      id: string;
      status: string;
      attempts: number;
      last_error: string | null;
    }>;

  it("posts the normalized event to the integration's callback URL, signed with its callback_secret; the event becomes processed", async () => {
    const providerEventId = `evt_${randomUUID()}`;
    const answer = await acme(ids.acme, acmeBody(providerEventId, { subject: 'order/7', data: { total: 12 } }));
    expect(answer.status).toBe(202);
    const eventId = answer.body.data?.event_id as string;

    const [request] = await eventually(async () => (callbacksOf(eventId).length > 0 ? callbacksOf(eventId) : undefined), 20_000, 'the callback');
    expect(request.path).toBe('/hooks/acme');
    const verified = new Webhook(CALLBACK_SECRET).verify(request.body, request.headers as Record<string, string>);
    expect(verified).toEqual({
      type: 'webhook.acme.order.created',
      timestamp: '2026-11-25T10:00:00.000Z',
      data: { event_id: eventId, provider: 'acme', provider_event_id: providerEventId, integration_id: ids.acme, subject: 'order/7', data: { total: 12 } },
    });
    // another secret does not verify it
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request.body, request.headers as Record<string, string>)).toThrow();
    await statusBecomes(eventId, 'processed');
    expect(await deliveriesOf(eventId)).toEqual([{ id: `${eventId}:callback`, status: 'succeeded', attempts: 1, last_error: null }]);
  });

  it("delivers a default integration's callback to the dev sink, signed with INTEGRATION_CALLBACK_SECRET (what the demo shows)", async () => {
    const providerEventId = `gx_${randomUUID()}`;
    const answer = await post(`${ingress.url}/api/v1/webhooks/globex`, globexBody(providerEventId), { 'x-globex-token': ENV_GLOBEX_TOKEN });
    expect(answer.status).toBe(202);
    const eventId = answer.body.data?.event_id as string;
    const receipt = await eventually(
      async () => {
        const receipts = (await (await fetch(`${ingress.url}/api/v1/internal/delivery-sink/globex`)).json()) as {
          data: Array<{ headers: Record<string, string>; raw_body: string }>;
        };
        return receipts.data.find((r) => r.headers['webhook-id'] === `${eventId}:callback`);
      },
      20_000,
      'the callback in the delivery sink',
    );
    const verified = new Webhook(DEV_INTEGRATION_CALLBACK_SECRET).verify(receipt.raw_body, receipt.headers) as { type: string; data: { provider_event_id: string } };
    expect(verified).toMatchObject({ type: 'webhook.globex.invoice.paid', data: { provider_event_id: providerEventId } });
    await statusBecomes(eventId, 'processed');
  });

  it('publishes one job and sends one callback for a provider event delivered again, sequentially and 10 times concurrently', async () => {
    // the worker would dedup a second job on its delivery id: count the jobs on the broker itself
    const jobs = await countMessages(infra, Exchanges.deliveries, 'webhook');
    const sequential = acmeBody(`evt_${randomUUID()}`);
    const first = await acme(ids.acme, sequential);
    const again = await acme(ids.acme, sequential);
    expect([first.status, again.status]).toEqual([202, 200]);

    const concurrent = acmeBody(`evt_${randomUUID()}`);
    const answers = await Promise.all(Array.from({ length: 10 }, () => acme(ids.acme, concurrent)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);

    const eventIds = [first.body.data?.event_id as string, answers[0].body.data?.event_id as string];
    for (const eventId of eventIds) await statusBecomes(eventId, 'processed');
    // nothing left to publish, and exactly one job per event went out
    const [{ n }] = (await ingress.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE target = 'callback'`)) as Array<{ n: number }>;
    expect(n).toBe(0);
    await eventually(async () => (eventIds.every((id) => jobs.received.has(`${id}:callback`)) ? true : undefined), 10_000, 'the jobs on the broker');
    await jobs.close();
    for (const eventId of eventIds) {
      expect(jobs.ids.filter((id) => id === `${eventId}:callback`)).toHaveLength(1);
      expect(callbacksOf(eventId)).toHaveLength(1);
      expect(await deliveriesOf(eventId)).toHaveLength(1);
    }
  });

  it('enqueues nothing for an integration without a callback URL, and the event is processed on acceptance', async () => {
    const answer = await acme(ids.none, acmeBody(`evt_${randomUUID()}`));
    expect(answer.status).toBe(202);
    const eventId = answer.body.data?.event_id as string;
    expect(await statusOf(eventId)).toBe('processed');
    const [{ due }] = (await ingress.dataSource.query('SELECT callback_due AS due FROM events WHERE id = $1', [eventId])) as Array<{ due: boolean }>;
    expect(due).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(await deliveriesOf(eventId)).toEqual([]);
  });

  it('retries a failing callback on the schedule and ends failed (the event failed too, the job dead-lettered)', async () => {
    const deadLetters = await countMessages(infra, Exchanges.deadLetter, 'delivery.#');
    const answer = await acme(ids.failing, acmeBody(`evt_${randomUUID()}`));
    const eventId = answer.body.data?.event_id as string;
    await statusBecomes(eventId, 'failed');
    try {
      await eventually(async () => deadLetters.received.get(`${eventId}:callback`), 10_000, 'the dead-lettered callback job');
    } finally {
      await deadLetters.close();
    }
    expect(await deliveriesOf(eventId)).toEqual([{ id: `${eventId}:callback`, status: 'failed', attempts: 3, last_error: expect.any(String) }]);
    expect(failing.received.filter((r) => r.headers['webhook-id'] === `${eventId}:callback`)).toHaveLength(3);
  });

  it('fails the callback of an integration deactivated after acceptance, without sending it', async () => {
    // accepted while the broker is cut, so the job is still in the outbox when the integration goes inactive
    mqProxy.cut();
    let eventId: string;
    try {
      const answer = await acme(ids.failing, acmeBody(`evt_${randomUUID()}`));
      expect(answer.status).toBe(202);
      eventId = answer.body.data?.event_id as string;
      await ingress.dataSource.query('UPDATE integrations SET active = false WHERE id = $1', [ids.failing]);
    } finally {
      mqProxy.restore();
    }
    const sent = failing.received.length;
    await statusBecomes(eventId, 'failed');
    expect(await deliveriesOf(eventId)).toEqual([{ id: `${eventId}:callback`, status: 'failed', attempts: 1, last_error: expect.stringContaining('integration inactive') }]);
    expect(failing.received.length).toBe(sent);
    await ingress.dataSource.query('UPDATE integrations SET active = true WHERE id = $1', [ids.failing]);
  });

  it("fails the callback of an integration that has no callback_secret (not a default one), without sending it", async () => {
    const unsigned = await startWebhookReceiver();
    try {
      await seedTenant(ingress.dataSource, 'tn_callbacks_d', []);
      const id = await seedIntegration(ingress.dataSource, ingress.config, 'tn_callbacks_d', {
        provider: 'acme',
        callbackUrl: `${unsigned.url}/nosecret`,
        credentials: { secret: ACME_SECRET },
      });
      const answer = await acme(id, acmeBody(`evt_${randomUUID()}`));
      const eventId = answer.body.data?.event_id as string;
      await statusBecomes(eventId, 'failed');
      expect(await deliveriesOf(eventId)).toEqual([{ id: `${eventId}:callback`, status: 'failed', attempts: 1, last_error: expect.stringContaining('no callback_secret') }]);
      expect(unsigned.received).toEqual([]);
    } finally {
      await unsigned.close();
    }
  });

  it('accepts while RabbitMQ is cut (status pending), and once it is back the sweep rebuilds the same job from the event row', async () => {
    mqProxy.cut();
    let eventId: string;
    try {
      const answer = await acme(ids.acme, acmeBody(`evt_${randomUUID()}`));
      expect(answer.status).toBe(202);
      eventId = answer.body.data?.event_id as string;
      expect((await fetch(`${ingress.url}/api/v1/health/ready`)).status).toBe(200);
      const rows = (await ingress.dataSource.query('SELECT target FROM outbox WHERE event_id = $1 ORDER BY target', [eventId])) as Array<{ target: string }>;
      expect(rows.map((r) => r.target)).toEqual(['callback', 'events']);
      expect(await statusOf(eventId)).toBe('pending');
    } finally {
      mqProxy.restore();
    }
    const [request] = await eventually(async () => (callbacksOf(eventId).length > 0 ? callbacksOf(eventId) : undefined), 30_000, 'the callback after the outage');
    expect(new Webhook(CALLBACK_SECRET).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ type: 'webhook.acme.order.created', data: { event_id: eventId } });
    await statusBecomes(eventId, 'processed');
  });
});
