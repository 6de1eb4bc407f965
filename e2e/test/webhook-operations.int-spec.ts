// A tenant's webhook-subscription operations through the management API and a real delivery
// worker, on one database and broker: `test` returns the worker's attempt at a local receiver
// that verifies the signature with the `standardwebhooks` library; `recover` re-sends a
// delivery that failed, with the same webhook-id; re-enabling a disabled subscription (PATCH)
// sends what waited for it, promptly; so does a PATCH after the worker disabled the endpoint
// itself (410), which the subscription's view shows as `endpoint_disabled`.
import { Webhook } from 'standardwebhooks';
import { DeliveryJobMessage, Exchanges } from '@herald/contracts';
import { MessagePublisher } from '@herald/platform/messaging';
import { createTestInfrastructure, eventually, Reply, seedTenant, startWebhookReceiver, TestApp, TestInfrastructure, WebhookReceiver, webhookJob } from '@herald/platform/testing';
import type { DeliveryWithAttempts, IssuedWebhookSubscription, WebhookRecoverAccepted, WebhookSubscriptionView, WebhookTestResult } from '@herald/management';
import { startDeliveryWorker, startManagementApi } from './stack';

const TENANT = 'tn_ops';

// the box running these is shared and loaded: booting two apps can take longer than Jest's 5 s default
jest.setTimeout(90_000);

describe('webhook operations: management API → delivery worker', () => {
  let infra: TestInfrastructure;
  let management: TestApp;
  let worker: TestApp;
  let admin: Record<string, string>;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    infra = await createTestInfrastructure('e2e_webhook_ops');
    management = await startManagementApi(infra);
    // the resume sweep runs every 10 polls: every second here
    worker = await startDeliveryWorker(infra, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', DELIVERY_POLL_INTERVAL_MS: '100', DELIVERY_RETRY_SCHEDULE: '0.2,0.3' });
    await seedTenant(management.dataSource, TENANT, [], 'scale');
    admin = { authorization: `Bearer ${management.token({ sub: 'u_admin', tenant_id: TENANT, roles: ['admin'] })}` };
  });

  afterAll(async () => {
    await worker?.close();
    await management?.close();
    await Promise.all(receivers.map((r) => r.close()));
    await infra?.teardown();
  });

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> => {
    const res = await fetch(`${management.url}/api/v1${path}`, {
      method,
      headers: body === undefined ? admin : { ...admin, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, data: ((await res.json()) as { data: T }).data };
  };
  const receiver = async (replies?: Reply[]) => {
    const r = await startWebhookReceiver(replies);
    receivers.push(r);
    return r;
  };
  const subscribe = async (url: string): Promise<IssuedWebhookSubscription> => {
    const res = await call<IssuedWebhookSubscription>('POST', '/webhooks', { url, event_types: ['lead.*'] });
    expect(res.status).toBe(201);
    return res.data;
  };
  /** A delivery job for the subscription, as the notification fan-out publishes it. */
  const publishJob = async (subscriptionId: string): Promise<DeliveryJobMessage> => {
    const job = webhookJob(TENANT, subscriptionId, { event: { type: 'lead.converted', timestamp: new Date().toISOString(), data: { lead_id: 'l1' } } });
    await worker.app.get(MessagePublisher).publish({
      exchange: Exchanges.deliveries,
      routingKey: 'webhook',
      body: job,
      messageType: 'delivery.job',
      messageId: job.delivery_id,
      headers: { event_id: job.event_id, tenant_id: TENANT, request_id: 'e2e-ops', attempt: 1, traceparent: '' },
    });
    return job;
  };
  const deliveryOf = async (subscriptionId: string, deliveryId: string): Promise<DeliveryWithAttempts | undefined> =>
    (await call<DeliveryWithAttempts[]>('GET', `/webhooks/${subscriptionId}/deliveries?page_size=100`)).data.find((d) => d.id === deliveryId);
  const untilStatus = (subscriptionId: string, deliveryId: string, status: string, timeoutMs = 15_000) =>
    eventually(async () => {
      const delivery = await deliveryOf(subscriptionId, deliveryId);
      return delivery?.status === status ? delivery : undefined;
    }, timeoutMs, `delivery ${deliveryId} to be ${status}`);

  it('test: returns the attempt at a receiver that verifies the signed webhook.test event', async () => {
    const endpoint = await receiver([{ status: 204 }]);
    const subscription = await subscribe(`${endpoint.url}/hook`);
    const res = await call<WebhookTestResult>('POST', `/webhooks/${subscription.id}/test`);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({
      delivery_id: expect.any(String),
      webhook_id: res.data.delivery_id,
      event_type: 'webhook.test',
      status: 'succeeded',
      attempt: { outcome: 'success', status_code: 204, error_class: null, latency_ms: expect.any(Number), response_body_excerpt: expect.anything(), attempted_at: expect.any(String) },
    });
    expect(endpoint.received).toHaveLength(1);
    const [request] = endpoint.received;
    expect(request.headers['webhook-id']).toBe(res.data.webhook_id);
    const verified = new Webhook(subscription.secret).verify(request.body, request.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(verified).toMatchObject({ type: 'webhook.test', data: { subscription_id: subscription.id } });
  });

  it('test: a failing endpoint gets one attempt, returned as failed with its status', async () => {
    const endpoint = await receiver([{ status: 500, body: 'boom' }]);
    const subscription = await subscribe(endpoint.url);
    const res = await call<WebhookTestResult>('POST', `/webhooks/${subscription.id}/test`);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ status: 'failed', attempt: { outcome: 'retry', status_code: 500, error_class: 'http_status', response_body_excerpt: 'boom' } });
    await new Promise((r) => setTimeout(r, 700)); // longer than the first retry of the schedule
    expect(endpoint.received).toHaveLength(1);
    expect(await untilStatus(subscription.id, res.data.delivery_id, 'failed')).toMatchObject({ attempt_count: 1 });
  });

  it('recover: re-sends a delivery that failed, with the same webhook-id, once the endpoint answers again', async () => {
    const endpoint = await receiver([{ status: 400 }, { status: 200 }]);
    const subscription = await subscribe(endpoint.url);
    const job = await publishJob(subscription.id);
    expect(await untilStatus(subscription.id, job.delivery_id, 'failed')).toMatchObject({ attempt_count: 1, last_status_code: 400 });

    const since = new Date(Date.now() - 60_000).toISOString();
    const until = new Date().toISOString();
    const res = await call<WebhookRecoverAccepted>('POST', `/webhooks/${subscription.id}/recover`, { since, until });
    expect(res.status).toBe(202);
    expect(res.data).toEqual({ recover_request_id: expect.any(String), subscription_id: subscription.id, since, until });
    const recovered = await untilStatus(subscription.id, job.delivery_id, 'succeeded');
    expect(recovered.attempts.map((a) => [a.attempt, a.status_code])).toEqual([
      [1, 400],
      [2, 200],
    ]);
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual([job.delivery_id, job.delivery_id]);
    expect(new Webhook(subscription.secret).verify(endpoint.received[1].body, endpoint.received[1].headers as Record<string, string>)).toEqual(job.event);
  });

  it('re-enabling a subscription (PATCH enabled=true) sends the deliveries that waited for it', async () => {
    const endpoint = await receiver();
    const subscription = await subscribe(endpoint.url);
    expect((await call('PATCH', `/webhooks/${subscription.id}`, { enabled: false })).status).toBe(200);
    const jobs = [await publishJob(subscription.id), await publishJob(subscription.id)];
    for (const job of jobs) expect(await untilStatus(subscription.id, job.delivery_id, 'paused')).toMatchObject({ attempt_count: 0 });
    expect(endpoint.received).toHaveLength(0);

    const enabledAt = Date.now();
    expect((await call('PATCH', `/webhooks/${subscription.id}`, { enabled: true })).status).toBe(200);
    for (const job of jobs) await untilStatus(subscription.id, job.delivery_id, 'succeeded');
    // the sweep runs every 10 polls of the worker (1 s here, 10 s by default); generous bound for a loaded box
    expect(Date.now() - enabledAt).toBeLessThan(10_000);
    expect(endpoint.received.map((r) => r.headers['webhook-id']).sort()).toEqual(jobs.map((j) => j.delivery_id).sort());
  });

  it('shows an endpoint the worker disabled on a 410; a PATCH clears it and sends what waited', async () => {
    const endpoint = await receiver([{ status: 410 }, { status: 200 }]);
    const subscription = await subscribe(endpoint.url);
    const gone = await publishJob(subscription.id);
    await untilStatus(subscription.id, gone.delivery_id, 'failed');
    const view = await eventually(async () => {
      const res = await call<WebhookSubscriptionView>('GET', `/webhooks/${subscription.id}`);
      return res.data.endpoint_disabled ? res.data : undefined;
    }, 10_000, 'the endpoint to show disabled');
    expect(view).toMatchObject({ enabled: true, endpoint_disabled: { at: expect.any(String), reason: 'answered 410' } });
    const listed = (await call<WebhookSubscriptionView[]>('GET', '/webhooks?page_size=100')).data.find((s) => s.id === subscription.id);
    expect(listed?.endpoint_disabled).toEqual(view.endpoint_disabled);

    const waiting = await publishJob(subscription.id);
    expect(await untilStatus(subscription.id, waiting.delivery_id, 'paused')).toMatchObject({ attempt_count: 0, last_error: 'endpoint disabled: answered 410' });
    const patched = await call<WebhookSubscriptionView>('PATCH', `/webhooks/${subscription.id}`, { enabled: true });
    expect([patched.status, patched.data.endpoint_disabled]).toEqual([200, null]);
    expect((await call<WebhookSubscriptionView>('GET', `/webhooks/${subscription.id}`)).data.endpoint_disabled).toBeNull();
    await untilStatus(subscription.id, waiting.delivery_id, 'succeeded');
    expect(endpoint.received.map((r) => r.headers['webhook-id'])).toEqual([gone.delivery_id, waiting.delivery_id]);
  });
});
