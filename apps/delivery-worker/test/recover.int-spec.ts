// Recover and test deliveries in the worker, on real Postgres and RabbitMQ: a
// `webhook_subscription.recover` command (herald.reports, as management's outbox publishes it)
// re-sends the subscription's failed deliveries created inside the window — same webhook-id,
// fresh attempt budget — and nothing else (succeeded, outside the window, another
// subscription's, a test); a redelivered command re-sends nothing twice. A test job (`test:
// true`) makes one attempt, is not dead-lettered, not counted for the endpoint's health, and
// fails rather than waits on a disabled endpoint.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DeliveryJobMessage, Exchanges, WEBHOOK_RECOVER_ROUTING_KEY, WebhookRecoverMessage } from '@herald/contracts';
import { MessagePublisher } from '@herald/platform/messaging';
import { eventually, TestApp, TestInfrastructure, webhookJob } from '@herald/platform/testing';
import { DeliverySuite, drainDeadLetters, publishJob, readAttempts, readDelivery, settled, startDeliverySuite } from './delivery-client';

const TENANT = 'tn_recover';
const SCHEDULE = [0.2, 0.3, 0.4];

// the box running these is shared and loaded: booting the app can take longer than Jest's 5 s default
jest.setTimeout(60_000);

describe('delivery-worker: recover and test deliveries', () => {
  let suite: DeliverySuite;
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    suite = await startDeliverySuite('delivery_recover', TENANT, {
      DELIVERY_RETRY_SCHEDULE: SCHEDULE.join(','),
      DELIVERY_RETRY_FLOOR_SECONDS: '1',
      DELIVERY_ATTEMPT_TIMEOUT_MS: '1000',
      DELIVERY_BREAKER_COOLDOWN_SECONDS: '0.3',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    ({ infra, app } = suite);
  });

  afterAll(() => suite?.close());

  const recover = (subscriptionId: string, since: Date, until: Date, id: string = randomUUID()): Promise<string> => {
    const command: WebhookRecoverMessage = {
      contract_version: 1,
      recover_request_id: id,
      tenant_id: TENANT as WebhookRecoverMessage['tenant_id'],
      subscription_id: subscriptionId,
      since: since.toISOString(),
      until: until.toISOString(),
      requested_at: new Date().toISOString(),
    };
    return app.app
      .get(MessagePublisher)
      .publish({
        exchange: Exchanges.reports,
        routingKey: WEBHOOK_RECOVER_ROUTING_KEY,
        body: command,
        messageType: WEBHOOK_RECOVER_ROUTING_KEY,
        messageId: id,
        headers: { event_id: id, tenant_id: TENANT, request_id: 'recover-test', attempt: 1, traceparent: '' },
      })
      .then(() => id);
  };
  const applied = (id: string): Promise<{ requeued: number }> =>
    eventually(async () => (await app.dataSource.query('SELECT requeued FROM delivery_recoveries WHERE id = $1', [id]))[0], 8000, `recover ${id} to apply`);
  const deliver = async (job: DeliveryJobMessage): Promise<void> => {
    await publishJob(app, job);
    await settled(app, job.delivery_id);
  };
  const backdate = (deliveryId: string, hours: number) =>
    app.dataSource.query(`UPDATE deliveries SET created_at = now() - make_interval(hours => $2) WHERE id = $1`, [deliveryId, hours]);

  it("re-sends only the subscription's failed deliveries inside the window, with the same webhook-id, once", async () => {
    // every request answered 400 (fails at once) until the endpoint is "fixed" below
    const endpoint = await suite.receiver([{ status: 400 }, { status: 400 }, { status: 400 }, { status: 200 }]);
    const { id, secret } = await suite.subscribe(endpoint.url);
    const other = await suite.subscribe((await suite.receiver([{ status: 400 }])).url);
    const outside = webhookJob(TENANT, id);
    const missed = webhookJob(TENANT, id);
    const test = webhookJob(TENANT, id, { test: true });
    for (const job of [outside, missed, test]) await deliver(job);
    await backdate(outside.delivery_id, 3);
    const ok = webhookJob(TENANT, id);
    await deliver(ok);
    const othersFailure = webhookJob(TENANT, other.id);
    await deliver(othersFailure);
    expect((await Promise.all([outside, missed, test, ok].map((j) => readDelivery(app, j.delivery_id)))).map((d) => d?.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'succeeded',
    ]);
    expect(endpoint.received).toHaveLength(4);

    const since = new Date(Date.now() - 3600_000);
    const request = await recover(id, since, new Date(Date.now() + 1000));
    expect(await applied(request)).toEqual({ requeued: 1 });
    expect(await settled(app, missed.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 2, last_status: 200 });
    const resent = endpoint.received[4];
    expect(resent.headers['webhook-id']).toBe(missed.delivery_id);
    expect(new Webhook(secret).verify(resent.body, resent.headers as Record<string, string>)).toEqual(missed.event);
    expect((await readAttempts(app, missed.delivery_id)).map((a) => [a.attempt, a.status_code])).toEqual([
      [1, 400],
      [2, 200],
    ]);

    // the same command again (a redelivery) re-queues nothing; the others stay as they were
    await recover(id, since, new Date(), request);
    const second = await recover(id, since, new Date());
    expect(await applied(second)).toEqual({ requeued: 0 });
    expect(endpoint.received).toHaveLength(5);
    expect((await Promise.all([outside, test, othersFailure].map((j) => readDelivery(app, j.delivery_id)))).map((d) => d?.status)).toEqual([
      'failed',
      'failed',
      'failed',
    ]);
  });

  it('gives a recovered delivery a fresh attempt budget', async () => {
    const endpoint = await suite.receiver([{ status: 500 }]);
    const { id } = await suite.subscribe(endpoint.url);
    const job = webhookJob(TENANT, id);
    await publishJob(app, job);
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'failed', attempts: SCHEDULE.length + 1 });
    await applied(await recover(id, new Date(Date.now() - 60_000), new Date()));
    // the same schedule again, counted from the recover: attempts 5 to 8, then failed again
    await eventually(async () => ((await readDelivery(app, job.delivery_id))?.attempts === 2 * (SCHEDULE.length + 1) ? true : undefined), 15_000, 'a second budget');
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'failed', attempts: 2 * (SCHEDULE.length + 1) });
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual(Array(2 * (SCHEDULE.length + 1)).fill(job.delivery_id));
  });

  it('makes one attempt of a test job: no retry, no dead-letter, not counted for the endpoint health', async () => {
    await drainDeadLetters(infra);
    const endpoint = await suite.receiver([{ status: 503 }]);
    const { id } = await suite.subscribe(endpoint.url);
    const job = webhookJob(TENANT, id, { test: true, event: { type: 'webhook.test', timestamp: new Date().toISOString(), data: { subscription_id: id } } });
    await publishJob(app, job);
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'failed', attempts: 1, last_status: 503 });
    await new Promise((r) => setTimeout(r, 800)); // longer than the first retry would wait
    expect(endpoint.received).toHaveLength(1);
    expect(await drainDeadLetters(infra)).toEqual([]);
    expect(await app.dataSource.query('SELECT consecutive_failures FROM webhook_endpoint_states WHERE subscription_id = $1', [id])).toEqual([]);
  });

  it('fails a test job at once (not paused) when its subscription is disabled', async () => {
    const endpoint = await suite.receiver();
    const { id } = await suite.subscribe(endpoint.url, { enabled: false });
    const job = webhookJob(TENANT, id, { test: true });
    await publishJob(app, job);
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await readAttempts(app, job.delivery_id)).toEqual([expect.objectContaining({ outcome: 'fail', error_class: 'destination_paused', response_body: 'subscription disabled' })]);
    expect(endpoint.received).toEqual([]);
  });
});
