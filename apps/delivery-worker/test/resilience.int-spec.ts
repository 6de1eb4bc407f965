// What a worker does when destinations or workers misbehave: a slow destination holds only
// its own slots (DELIVERY_DESTINATION_CONCURRENCY), so a fast one is served meanwhile; and a
// delivery whose worker died mid-attempt (claimed, lease running, nothing recorded) is
// attempted again once its lease runs out, with the same webhook-id; a destination that
// fails most of its recent attempts is paused by its circuit breaker — its queued deliveries
// wait without spending attempts — probed after the cooldown, and resumed.
import { eventually, webhookJob } from '@herald/platform/testing';
import { DeliverySuite, publishJob, readAttempts, readDelivery, settled, startDeliverySuite } from './delivery-client';

const TENANT = 'tn_resilience';

describe('delivery-worker: slow destinations, dead workers, the circuit breaker', () => {
  let suite: DeliverySuite;
  const app = () => suite.app;

  beforeAll(async () => {
    suite = await startDeliverySuite('delivery_resilience', TENANT, {
      DELIVERY_CONCURRENCY: '4',
      DELIVERY_DESTINATION_CONCURRENCY: '2',
      DELIVERY_ATTEMPT_TIMEOUT_MS: '5000',
      DELIVERY_RETRY_SCHEDULE: '3,3',
      DELIVERY_BREAKER_COOLDOWN_SECONDS: '1',
    });
  });

  afterAll(() => suite?.close());

  it('serves a fast destination while a slow one has more deliveries waiting than the worker has slots', async () => {
    const slow = await suite.receiver([{ status: 200, delayMs: 1500 }]);
    const fast = await suite.receiver();
    const slowSub = await suite.subscribe(slow.url);
    const fastSub = await suite.subscribe(fast.url);
    const slowJobs = Array.from({ length: 6 }, () => webhookJob(TENANT, slowSub.id));
    for (const job of slowJobs) await publishJob(app(), job);
    await new Promise((r) => setTimeout(r, 200)); // the slow endpoint now holds its 2 slots, 4 wait

    const started = Date.now();
    const fastJob = webhookJob(TENANT, fastSub.id);
    await publishJob(app(), fastJob);
    await settled(app(), fastJob.delivery_id);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(slow.received.length).toBeLessThanOrEqual(2);
    for (const job of slowJobs) await settled(app(), job.delivery_id, 10_000);
    expect(slow.received).toHaveLength(6);
  });

  it('attempts a delivery again with the same webhook-id once the lease of a worker that died mid-attempt runs out', async () => {
    const endpoint = await suite.receiver();
    const { id } = await suite.subscribe(endpoint.url);
    const job = webhookJob(TENANT, id);
    // what a worker leaves when it is killed during attempt 1: the claim counted, its lease running, no attempt recorded
    await app().dataSource.query(
      `INSERT INTO deliveries (id, tenant_id, event_id, channel, destination_key, job, request_id, attempts, next_attempt_at)
       VALUES ($1, $2, $3, 'webhook', $4, $5::jsonb, 'crashed-worker', 1, now() + interval '700 milliseconds')`,
      [job.delivery_id, TENANT, job.event_id, `webhook_subscription:${id}`, JSON.stringify(job)],
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(endpoint.received).toHaveLength(0); // still leased to the dead worker

    expect(await settled(app(), job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual([job.delivery_id]);
    expect(await readAttempts(app(), job.delivery_id)).toEqual([expect.objectContaining({ attempt: 2, outcome: 'success' })]);
  });

  it('pauses a destination that fails most of its attempts: queued deliveries wait without spending attempts, a probe closes the circuit', async () => {
    const endpoint = await suite.receiver([...Array(5).fill({ status: 500 }), { status: 200 }]);
    const { id } = await suite.subscribe(endpoint.url);
    const failing = Array.from({ length: 5 }, () => webhookJob(TENANT, id));
    for (const job of failing) await publishJob(app(), job);
    const openedAt = await eventually(async () => {
      const [row] = await app().dataSource.query('SELECT opened_until FROM delivery_circuits WHERE destination_key = $1', [`webhook_subscription:${id}`]);
      return row?.opened_until ? Date.now() : undefined;
    }, 5000, 'the circuit to open');
    expect(endpoint.received.map((r) => r.headers['webhook-id']).sort()).toEqual(failing.map((j) => j.delivery_id).sort());

    const waiting = Array.from({ length: 3 }, () => webhookJob(TENANT, id));
    for (const job of waiting) await publishJob(app(), job);
    await new Promise((r) => setTimeout(r, 500));
    expect(endpoint.received).toHaveLength(5); // open: nothing sent
    expect(await readDelivery(app(), waiting[0].delivery_id)).toMatchObject({ status: 'pending', attempts: 0 });

    for (const job of waiting) expect(await settled(app(), job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(endpoint.received[5].at - openedAt).toBeGreaterThanOrEqual(700); // the probe, after the 1 s cooldown
    for (const job of failing) expect(await settled(app(), job.delivery_id, 10_000)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(endpoint.received).toHaveLength(13);
  });
});
