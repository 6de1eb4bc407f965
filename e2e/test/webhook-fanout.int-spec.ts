// The channel fan-out to webhook subscriptions, end to end on real Postgres and RabbitMQ: an
// event consumed by the notification service becomes one delivery job per enabled
// subscription whose filter takes its type (exact, `lead.*`, or every type), committed with
// the notification; the delivery worker sends each, signed (verified here with the
// `standardwebhooks` library), with webhook-id = the delivery id. The same event again sends
// nothing more.
import { Webhook } from 'standardwebhooks';
import { EventAcceptedMessage, eventRoutingKey, Exchanges } from '@herald/contracts';
import { MessagePublisher } from '@herald/platform/messaging';
import {
  createTestInfrastructure,
  eventMessage,
  eventually,
  seedTenant,
  seedWebhookSubscription,
  startWebhookReceiver,
  TestApp,
  TestInfrastructure,
  WebhookReceiver,
} from '@herald/platform/testing';
import { startDeliveryWorker, startNotificationService } from './stack';

const TENANT = 'tn_fanout';

describe('webhook fan-out: notification service → delivery worker', () => {
  let infra: TestInfrastructure;
  let notifications: TestApp;
  let worker: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    infra = await createTestInfrastructure('e2e_fanout');
    notifications = await startNotificationService(infra);
    worker = await startDeliveryWorker(infra, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', DELIVERY_POLL_INTERVAL_MS: '50' });
    await seedTenant(notifications.dataSource, TENANT, [{ id: 'u_ops', roles: ['ops', 'admin'] }]);
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await worker?.close();
    await notifications?.close();
    await receiver?.close();
    await infra?.teardown();
  });

  const publish = (message: EventAcceptedMessage) =>
    notifications.app.get(MessagePublisher).publish({
      exchange: Exchanges.events,
      routingKey: eventRoutingKey(message.kind, message.type),
      body: message,
      headers: { event_id: message.event_id, tenant_id: message.tenant_id, request_id: 'fanout', attempt: 1, traceparent: '' },
    });

  it('sends each event to the subscriptions that take its type, signed, once', async () => {
    const subscribe = (path: string, eventTypes: string[], enabled = true) =>
      seedWebhookSubscription(notifications.dataSource, worker.config, TENANT, { url: `${receiver.url}/${path}`, eventTypes, enabled });
    const exact = await subscribe('exact', ['resource_usage']);
    const leads = await subscribe('leads', ['lead.*']);
    const everything = await subscribe('all', []);
    await subscribe('off', [], false);

    const usage = eventMessage({ tenant_id: TENANT, type: 'resource_usage', payload: { resource_type: 'cpu', usage: 97 } });
    const lead = eventMessage({ tenant_id: TENANT, type: 'lead.converted', payload: { lead_id: 'l1', customer_id: 'c1', value: 10 } });
    await publish(usage);
    await publish(lead);
    const expected = [
      { path: '/exact', event: usage, secret: exact.secret, sub: exact.id },
      { path: '/all', event: usage, secret: everything.secret, sub: everything.id },
      { path: '/leads', event: lead, secret: leads.secret, sub: leads.id },
      { path: '/all', event: lead, secret: everything.secret, sub: everything.id },
    ];
    await eventually(async () => (receiver.received.length >= expected.length ? true : undefined), 20_000, 'four deliveries');

    for (const { path, event, secret, sub } of expected) {
      const request = receiver.received.find((r) => r.path.endsWith(path) && r.headers['webhook-id'] === `${event.event_id}:${sub}`);
      expect({ path, type: event.type, found: Boolean(request) }).toEqual({ path, type: event.type, found: true });
      const verified = new Webhook(secret).verify(request?.body ?? '', request?.headers as Record<string, string>) as { type: string; data: unknown };
      expect(verified).toEqual({ type: event.type, timestamp: event.occurred_at, data: event.payload });
    }
    expect(receiver.received.some((r) => r.path.endsWith('/off'))).toBe(false);

    // the same event again (a redelivery): no second notification, no second job
    await publish(usage);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received).toHaveLength(expected.length);
    const [{ n }] = await notifications.dataSource.query('SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1', [usage.event_id]);
    expect(n).toBe(2);
  });
  it('sends nothing while the tenant is below the webhooks plan, and again after an upgrade, keeping the subscription', async () => {
    const { id } = await seedWebhookSubscription(notifications.dataSource, worker.config, TENANT, { url: `${receiver.url}/plan`, eventTypes: ['resource_usage'] });
    const received = () => receiver.received.filter((r) => r.path.endsWith('/plan'));
    await notifications.dataSource.query(`UPDATE tenants SET plan = 'growth' WHERE id = $1`, [TENANT]);
    const whileDowngraded = eventMessage({ tenant_id: TENANT, type: 'resource_usage', payload: { resource_type: 'cpu', usage: 91 } });
    await publish(whileDowngraded);
    await eventually(
      async () => ((await notifications.dataSource.query('SELECT 1 FROM notifications WHERE event_id = $1', [whileDowngraded.event_id])).length > 0 ? true : undefined),
      20_000,
      'the downgraded event processed',
    );
    await notifications.dataSource.query(`UPDATE tenants SET plan = 'scale' WHERE id = $1`, [TENANT]);
    const afterUpgrade = eventMessage({ tenant_id: TENANT, type: 'resource_usage', payload: { resource_type: 'cpu', usage: 92 } });
    await publish(afterUpgrade);
    await eventually(async () => (received().length >= 1 ? true : undefined), 20_000, 'the delivery after the upgrade');
    expect(received().map((r) => r.headers['webhook-id'])).toEqual([`${afterUpgrade.event_id}:${id}`]);
    const [{ n }] = await notifications.dataSource.query('SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1', [whileDowngraded.event_id]);
    expect(n).toBe(0);
  });
});
