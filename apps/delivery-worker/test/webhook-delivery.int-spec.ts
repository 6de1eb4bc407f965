// The webhook channel end to end on real Postgres and RabbitMQ: jobs published to
// herald.deliveries reach local HTTP receivers signed per Standard Webhooks, retried on
// SPEC §8's rules with a short test schedule, recorded attempt by attempt, dead-lettered
// after the last attempt, and never sent twice for one delivery id.
import { Webhook } from 'standardwebhooks';
import { eventually, newWebhookSecret, TestApp, TestInfrastructure, webhookJob } from '@herald/platform/testing';
import { EventAcceptedContract, Exchanges } from '@herald/contracts';
import { DeliverySuite, drainDeadLetters, drainQueue, listenOn, paused, publishJob, readAttempts, readDelivery, settled, startDeliverySuite } from './delivery-client';

const TENANT = 'tn_hooks';
const SCHEDULE = [0.2, 0.3, 0.4];
const FLOOR_SECONDS = 1;

describe('delivery-worker: webhooks', () => {
  let suite: DeliverySuite;
  let infra: TestInfrastructure;
  let app: TestApp;
  const receiver: DeliverySuite['receiver'] = (replies) => suite.receiver(replies);
  const subscribe: DeliverySuite['subscribe'] = (url, fixture) => suite.subscribe(url, fixture);

  beforeAll(async () => {
    suite = await startDeliverySuite('delivery_webhooks', TENANT, {
      DELIVERY_RETRY_SCHEDULE: SCHEDULE.join(','),
      DELIVERY_RETRY_FLOOR_SECONDS: String(FLOOR_SECONDS),
      DELIVERY_ATTEMPT_TIMEOUT_MS: '500',
      // endpoints here fail on purpose; their circuits reopen quickly (the breaker has its own suite)
      DELIVERY_BREAKER_COOLDOWN_SECONDS: '0.3',
    });
    ({ infra, app } = suite);
  });

  afterAll(() => suite?.close());

  it('posts {type, timestamp, data} signed so the standardwebhooks library verifies it, and records the attempt', async () => {
    const endpoint = await receiver([{ status: 200, body: 'thanks' }]);
    const { id, secret } = await subscribe(endpoint.url);
    const job = webhookJob(TENANT, id);
    await publishJob(app, job);

    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 1, last_status: 200 });
    const [request] = endpoint.received;
    expect(endpoint.received).toHaveLength(1);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toBe(job.delivery_id);
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toEqual(job.event);
    expect(JSON.parse(request.body)).toEqual({ type: 'invoice.paid', timestamp: job.event.timestamp, data: job.event.data });
    expect(await readAttempts(app, job.delivery_id)).toEqual([
      { attempt: 1, outcome: 'success', status_code: 200, error_class: null, latency_ms: expect.any(Number), response_body: 'thanks' },
    ]);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/herald_deliveries_settled_total\{[^}]*status="succeeded"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/herald_delivery_attempt_duration_seconds_count\{[^}]*channel="webhook",outcome="success"[^}]*\} [1-9]/);
  });

  it('signs with both secrets during a rotation grace, and with the new one alone after it', async () => {
    const endpoint = await receiver();
    const previous = newWebhookSecret();
    const inGrace = await subscribe(endpoint.url, { previousSecret: previous, previousSecretUntil: new Date(Date.now() + 60_000) });
    const expired = await subscribe(endpoint.url, { previousSecret: previous, previousSecretUntil: new Date(Date.now() - 1000) });
    const [a, b] = [webhookJob(TENANT, inGrace.id), webhookJob(TENANT, expired.id)];
    await publishJob(app, a);
    await settled(app, a.delivery_id);
    await publishJob(app, b);
    await settled(app, b.delivery_id);

    const [duringGrace, afterGrace] = endpoint.received;
    const headers = (r: typeof duringGrace) => r.headers as Record<string, string>;
    expect(headers(duringGrace)['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(inGrace.secret).verify(duringGrace.body, headers(duringGrace))).not.toThrow();
    expect(() => new Webhook(previous).verify(duringGrace.body, headers(duringGrace))).not.toThrow();
    expect(headers(afterGrace)['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => new Webhook(previous).verify(afterGrace.body, headers(afterGrace))).toThrow();
  });

  it('retries 5xx on the schedule with the same webhook-id, then succeeds', async () => {
    const endpoint = await receiver([{ status: 500, body: 'boom' }, { status: 503 }, { status: 204 }]);
    const { id, secret } = await subscribe(endpoint.url);
    const job = webhookJob(TENANT, id);
    await publishJob(app, job);

    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 3, last_status: 204 });
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual([job.delivery_id, job.delivery_id, job.delivery_id]);
    for (const r of endpoint.received) expect(() => new Webhook(secret).verify(r.body, r.headers as Record<string, string>)).not.toThrow();
    const gaps = endpoint.received.slice(1).map((r, i) => r.at - endpoint.received[i].at);
    // 0.2 s and 0.3 s, each −20 % at worst
    expect(gaps[0]).toBeGreaterThanOrEqual(150);
    expect(gaps[1]).toBeGreaterThanOrEqual(230);
    expect((await readAttempts(app, job.delivery_id)).map((a) => [a.outcome, a.status_code, a.response_body])).toEqual([
      ['retry', 500, 'boom'],
      ['retry', 503, ''],
      ['success', 204, ''],
    ]);
  });

  it('fails a 4xx and a 3xx at once, without retry or following the redirect (here to loopback), and dead-letters them', async () => {
    await drainDeadLetters(infra);
    const target = await receiver();
    const badRequest = await receiver([{ status: 400, body: 'nope' }]);
    const redirect = await receiver([{ status: 302, headers: { location: target.url } }]);
    const jobs = [webhookJob(TENANT, (await subscribe(badRequest.url)).id), webhookJob(TENANT, (await subscribe(redirect.url)).id)];
    for (const job of jobs) await publishJob(app, job);

    expect(await settled(app, jobs[0].delivery_id)).toMatchObject({ status: 'failed', attempts: 1, last_status: 400, last_error: 'http_status 400' });
    expect(await settled(app, jobs[1].delivery_id)).toMatchObject({ status: 'failed', attempts: 1, last_status: 302 });
    await new Promise((r) => setTimeout(r, 600)); // longer than the first retry would wait
    expect([badRequest.received.length, redirect.received.length, target.received.length]).toEqual([1, 1, 0]);
    const deadLetters = await eventually(async () => {
      const got = await drainDeadLetters(infra);
      return got.length >= 2 ? got : undefined;
    }, 5000, 'two dead-letters');
    expect(deadLetters.map((m) => JSON.parse(m.content.toString()).delivery_id).sort()).toEqual(jobs.map((j) => j.delivery_id).sort());
    expect(deadLetters.map((m) => m.fields.routingKey)).toEqual(['delivery.webhook', 'delivery.webhook']);
  });

  it('disables the endpoint on 410: later jobs to it wait, without a send, until management changes the subscription', async () => {
    const endpoint = await receiver([{ status: 410 }, { status: 200 }, { status: 410 }]);
    const { id } = await subscribe(endpoint.url);
    const first = webhookJob(TENANT, id);
    await publishJob(app, first);
    expect(await settled(app, first.delivery_id)).toMatchObject({ status: 'failed', last_status: 410 });
    const [state] = await app.dataSource.query('SELECT disabled_at, disabled_reason FROM webhook_endpoint_states WHERE subscription_id = $1', [id]);
    expect(state).toEqual({ disabled_at: expect.any(Date), disabled_reason: 'answered 410' });
    // management's row is not the worker's to write
    expect((await app.dataSource.query('SELECT enabled FROM webhook_subscriptions WHERE id = $1', [id]))[0].enabled).toBe(true);

    const later = webhookJob(TENANT, id);
    await publishJob(app, later);
    expect(await paused(app, later.delivery_id)).toMatchObject({ attempts: 0, last_error: 'endpoint disabled: answered 410' });
    expect(await readAttempts(app, later.delivery_id)).toEqual([]);
    expect(endpoint.received).toHaveLength(1);

    // what management's API does when a tenant re-enables or edits the subscription
    await app.dataSource.query('UPDATE webhook_subscriptions SET updated_at = now() WHERE id = $1', [id]);
    expect(await settled(app, later.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(endpoint.received).toHaveLength(2);

    // gone again: a new 410 disables it again
    const third = webhookJob(TENANT, id);
    await publishJob(app, third);
    expect(await settled(app, third.delivery_id)).toMatchObject({ status: 'failed', last_status: 410 });
    const fourth = webhookJob(TENANT, id);
    await publishJob(app, fourth);
    expect(await paused(app, fourth.delivery_id)).toMatchObject({ attempts: 0 });
    expect(endpoint.received).toHaveLength(3);
  });

  it('holds the deliveries of a disabled subscription and sends them once it is enabled', async () => {
    const endpoint = await receiver();
    const { id } = await subscribe(endpoint.url, { enabled: false });
    const job = webhookJob(TENANT, id);
    await publishJob(app, job);
    expect(await paused(app, job.delivery_id)).toMatchObject({ attempts: 0, last_error: 'subscription disabled' });
    await app.dataSource.query('UPDATE webhook_subscriptions SET enabled = true, updated_at = now() WHERE id = $1', [id]);
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual([job.delivery_id]);
  });

  it('waits at least the floor after a 429 even when Retry-After says less', async () => {
    const endpoint = await receiver([{ status: 429, headers: { 'retry-after': '0' } }, { status: 200 }]);
    const job = webhookJob(TENANT, (await subscribe(endpoint.url)).id);
    await publishJob(app, job);
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(endpoint.received[1].at - endpoint.received[0].at).toBeGreaterThanOrEqual(FLOOR_SECONDS * 1000 - 50);
  });

  it('honours Retry-After on a 503 within 1×–2× the scheduled delay', async () => {
    const capped = await receiver([{ status: 503, headers: { 'retry-after': '30' } }, { status: 200 }]);
    const job = webhookJob(TENANT, (await subscribe(capped.url)).id);
    await publishJob(app, job);
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const gap = capped.received[1].at - capped.received[0].at;
    // 30 s asked, 2 × (0.2 s + 20 %) = 0.48 s at most honoured
    expect(gap).toBeLessThan(1500);
    expect(gap).toBeGreaterThanOrEqual(150);
  });

  it('times an attempt out, records it as a timeout and retries after the floor', async () => {
    const endpoint = await receiver([{ status: 200, delayMs: 2000 }, { status: 200 }]);
    const job = webhookJob(TENANT, (await subscribe(endpoint.url)).id);
    await publishJob(app, job);
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const attempts = await readAttempts(app, job.delivery_id);
    expect(attempts[0]).toMatchObject({ outcome: 'retry', error_class: 'timeout', status_code: null });
    expect(attempts[0].latency_ms).toBeGreaterThanOrEqual(450);
    expect(endpoint.received[1].at - endpoint.received[0].at).toBeGreaterThanOrEqual(FLOOR_SECONDS * 1000);
  });

  it('fails after the last attempt of the schedule and dead-letters the job as received', async () => {
    await drainDeadLetters(infra);
    const endpoint = await receiver([{ status: 500 }]);
    const job = webhookJob(TENANT, (await subscribe(endpoint.url)).id);
    await publishJob(app, job);
    expect(await settled(app, job.delivery_id)).toMatchObject({ status: 'failed', attempts: SCHEDULE.length + 1, last_error: 'http_status 500; no attempt left after 4' });
    expect(endpoint.received).toHaveLength(SCHEDULE.length + 1);
    const [deadLetter] = await eventually(async () => {
      const got = await drainDeadLetters(infra);
      return got.length > 0 ? got : undefined;
    }, 5000, 'the dead-letter');
    expect(JSON.parse(deadLetter.content.toString())).toEqual(job);
    expect(deadLetter.properties.headers).toMatchObject({ delivery_id: job.delivery_id, attempt: 4, 'x-failure-reason': 'http_status 500; no attempt left after 4' });
  });

  it('acks a redelivered job without a second send, whether it comes after or alongside the first', async () => {
    const endpoint = await receiver();
    const { id } = await subscribe(endpoint.url);
    const job = webhookJob(TENANT, id);
    await Promise.all([publishJob(app, job), publishJob(app, job)]);
    await settled(app, job.delivery_id);
    await publishJob(app, job);
    await new Promise((r) => setTimeout(r, 500));
    expect(endpoint.received).toHaveLength(1);
    expect(await readDelivery(app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('tells the tenant admins once when an endpoint fails 4 attempts in a row (webhook.attempt.failing), and counts again after a success', async () => {
    const alerts = await listenOn(infra, Exchanges.events, 'notification.webhook.attempt.failing');
    const endpoint = await receiver([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 502 }, { status: 500 }, { status: 200 }]);
    const { id } = await subscribe(endpoint.url);
    const first = webhookJob(TENANT, id);
    await publishJob(app, first);
    expect(await settled(app, first.delivery_id)).toMatchObject({ status: 'failed', attempts: 4 });
    const [alert] = await eventually(async () => {
      const got = await drainQueue(infra, alerts);
      return got.length > 0 ? got : undefined;
    }, 5000, 'the failing alert');
    expect(EventAcceptedContract.parse(JSON.parse(alert.content.toString()))).toMatchObject({
      tenant_id: TENANT,
      kind: 'notification',
      type: 'webhook.attempt.failing',
      recipients: { roles: ['admin'] },
      payload: { subscription_id: id, delivery_id: first.delivery_id, consecutive_failures: 4, last_status: 502, severity: 'high' },
    });

    const second = webhookJob(TENANT, id);
    await publishJob(app, second);
    expect(await settled(app, second.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const [state] = await app.dataSource.query('SELECT consecutive_failures, failing_since FROM webhook_endpoint_states WHERE subscription_id = $1', [id]);
    expect(state).toEqual({ consecutive_failures: 0, failing_since: null });
    expect(await drainQueue(infra, alerts)).toHaveLength(0); // the fifth failure in a row did not alert again
  });

  it('disables an endpoint that has failed continuously for 5 days and tells the admins (webhook.endpoint.disabled)', async () => {
    const alerts = await listenOn(infra, Exchanges.events, 'notification.webhook.endpoint.disabled');
    const endpoint = await receiver([{ status: 503 }]);
    const { id } = await subscribe(endpoint.url);
    // unchanged for a week, failing for 5 days and a minute
    await app.dataSource.query(`UPDATE webhook_subscriptions SET updated_at = now() - interval '7 days' WHERE id = $1`, [id]);
    await app.dataSource.query(
      `INSERT INTO webhook_endpoint_states (subscription_id, tenant_id, consecutive_failures, failing_since)
       VALUES ($1, $2, 40, now() - interval '5 days 1 minute')`,
      [id, TENANT],
    );
    const job = webhookJob(TENANT, id);
    await publishJob(app, job);
    expect(await paused(app, job.delivery_id)).toMatchObject({ attempts: 1, last_error: 'endpoint disabled: failing for 5 days' });
    expect(endpoint.received).toHaveLength(1);
    const [alert] = await eventually(async () => {
      const got = await drainQueue(infra, alerts);
      return got.length > 0 ? got : undefined;
    }, 5000, 'the disabled alert');
    expect(JSON.parse(alert.content.toString())).toMatchObject({
      type: 'webhook.endpoint.disabled',
      recipients: { roles: ['admin'] },
      payload: { subscription_id: id, consecutive_failures: 41, last_status: 503, title: 'Webhook endpoint disabled' },
    });
  });
});
