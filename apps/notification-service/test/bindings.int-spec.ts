// What the notification consumer binds (issue 18): business events and notification triggers
// on herald.events, not everything — a provider webhook's event (`webhook.*`) or any other
// kind is not its work. A `#` binding left by an earlier release is removed when the service
// declares its queue, so an upgraded broker stops routing everything to it.
import amqplib from 'amqplib';
import { EventAcceptedMessage, Exchanges } from '@herald/contracts';
import { countMessages, createTestInfrastructure, eventMessage, eventually, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const TENANT = 'tn_bindings';

describe('notification-service queue bindings', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('ns_bindings');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(app.dataSource, TENANT, [{ id: 'u_ops', roles: ['ops', 'admin'] }]);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  async function publishRaw(routingKey: string, message: EventAcceptedMessage): Promise<void> {
    const connection = await amqplib.connect(infra.amqpUrl);
    const channel = await connection.createConfirmChannel();
    channel.publish(`${infra.amqpPrefix}${Exchanges.events}`, routingKey, Buffer.from(JSON.stringify(message)), {
      persistent: true,
      messageId: message.event_id,
      headers: { event_id: message.event_id, tenant_id: message.tenant_id, request_id: 'bindings', attempt: 1, traceparent: '' },
    });
    await channel.waitForConfirms();
    await connection.close();
  }

  it('consumes business.* and notification.*, leaves webhook.* unrouted, and drops a legacy # binding', async () => {
    // what an earlier release left on the broker
    const connection = await amqplib.connect(infra.amqpUrl);
    const channel = await connection.createChannel();
    await channel.bindQueue(`${infra.amqpPrefix}notifications.events`, `${infra.amqpPrefix}${Exchanges.events}`, '#');
    await connection.close();
    // a second replica declares the queue again, as an upgrade would
    const upgraded = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    const unrouted = await countMessages(infra, 'herald.unrouted', '#');
    try {
      const business = eventMessage({ tenant_id: TENANT, type: 'resource_usage', payload: { resource_type: 'cpu', usage: 1 } });
      const webhook = eventMessage({ tenant_id: TENANT, kind: 'webhook', type: 'acme.order.created', payload: { id: 'o1' } });
      await publishRaw('business.resource_usage', business);
      await publishRaw('webhook.acme.order.created', webhook);
      await eventually(async () => (unrouted.received.has(webhook.event_id) ? true : undefined), 10_000, 'the webhook event in herald.unrouted');
      const stored = async (eventId: string) =>
        Number((await app.dataSource.query('SELECT count(*)::int AS n FROM notifications WHERE event_id = $1', [eventId]))[0].n);
      await eventually(async () => ((await stored(business.event_id)) === 1 ? true : undefined), 10_000, 'the business event stored');
      expect(await stored(webhook.event_id)).toBe(0);
      expect(unrouted.received.has(business.event_id)).toBe(false);
    } finally {
      await unrouted.close();
      await upgraded.close();
    }
  });
});
