// The analytics channel end to end: an accepted business event published to
// herald.deliveries with routing key `analytics` (as the event store's outbox does when
// PostHog is configured) becomes a PostHog capture — event name = type, distinct id = the
// customer or the tenant, properties = payload + ids — sent through posthog-node to
// POSTHOG_HOST (here a local stand-in); a refused batch is captured again on the consumer's
// retry schedule.
import { randomUUID } from 'node:crypto';
import { EventAcceptedMessage, Exchanges, parseTenantId } from '@herald/contracts';
import { MessagePublisher } from '@herald/platform/messaging';
import { eventually } from '@herald/platform/testing';
import { DeliverySuite, startDeliverySuite } from './delivery-client';
import { FakePosthog, startFakePosthog } from './fake-posthog';

const TENANT = 'tn_analytics';

function acceptedEvent(type: string, payload: Record<string, unknown>, customerId: string | null = null): EventAcceptedMessage {
  const now = new Date().toISOString();
  return {
    contract_version: 1,
    event_id: randomUUID(),
    tenant_id: parseTenantId(TENANT),
    kind: 'business',
    type,
    source: 'crm',
    schema_version: 1,
    occurred_at: '2026-11-25T12:00:00.000Z',
    received_at: now,
    payload,
    customer_id: customerId,
  };
}

function publishAnalytics(suite: DeliverySuite, event: EventAcceptedMessage): Promise<void> {
  return suite.app.app.get(MessagePublisher).publish({
    exchange: Exchanges.deliveries,
    routingKey: 'analytics',
    body: event,
    messageType: 'event.accepted.v1',
    messageId: event.event_id,
    headers: { event_id: event.event_id, tenant_id: event.tenant_id, request_id: 'analytics-test', attempt: 1, traceparent: '', channel: 'analytics' },
  });
}

describe('delivery-worker: analytics', () => {
  let posthog: FakePosthog;
  let suite: DeliverySuite;

  beforeAll(async () => {
    // the second batch is refused: its events come back through the consumer's retry
    posthog = await startFakePosthog([200, 503, 200]);
    suite = await startDeliverySuite('delivery_analytics', TENANT, {
      POSTHOG_HOST: posthog.host,
      POSTHOG_API_KEY: 'phc_test_key',
      CONSUMER_RETRY_SCHEDULE: '0.2,0.2',
    });
  });

  afterAll(async () => {
    await suite?.close();
    await posthog?.close();
  });

  it('captures an accepted event in PostHog with its type, its customer as distinct id and its payload', async () => {
    const event = acceptedEvent('revenue_impact', { amount: 1200, currency: 'EUR', tenant_id: 'spoofed' }, 'cus_42');
    await publishAnalytics(suite, event);
    const [captured] = await eventually(async () => {
      const found = posthog.accepted().filter((e) => e.uuid === event.event_id);
      return found.length > 0 ? found : undefined;
    }, 8000, 'the capture to reach PostHog');
    expect(posthog.batches[0]).toMatchObject({ path: '/batch/', apiKey: 'phc_test_key' });
    expect(captured).toMatchObject({
      event: 'revenue_impact',
      distinct_id: 'cus_42',
      uuid: event.event_id,
      timestamp: '2026-11-25T12:00:00.000Z',
      properties: { amount: 1200, currency: 'EUR', event_id: event.event_id, tenant_id: TENANT, customer_id: 'cus_42', source: 'crm', schema_version: 1 },
    });
  });

  it('uses the tenant as distinct id without a customer, and captures again what PostHog refused', async () => {
    const event = acceptedEvent('resource_usage', { cpu: 0.93 });
    await publishAnalytics(suite, event);
    const captured = await eventually(async () => posthog.accepted().find((e) => e.uuid === event.event_id), 8000, 'the retried capture to reach PostHog');
    expect(captured).toMatchObject({ event: 'resource_usage', distinct_id: TENANT, properties: { cpu: 0.93, tenant_id: TENANT } });
    expect(posthog.batches.map((b) => [b.status, b.events.some((e) => e.uuid === event.event_id)])).toContainEqual([503, true]);
  });
});
