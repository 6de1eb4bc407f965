// toOutboundMessage: the herald.events message of an accepted event, routed and headed as SPEC §6 says;
// toCallbackMessage: the delivery job of a provider webhook's integration callback (SPEC §5, §8).
import { toCallbackMessage, toOutboundMessage, toTargetMessage } from './accepted-event';
import { DeliveryJobContract, EventAcceptedContract, parseTenantId } from '@herald/contracts';

describe('toOutboundMessage', () => {
  const event = {
    id: '0b7c2c1e-3f0a-4d0e-9a55-1f2e3d4c5b6a',
    tenantId: parseTenantId('tn_a'),
    kind: 'business' as const,
    type: 'revenue_impact',
    source: 'crm',
    schemaVersion: 1,
    payload: { impact_amount: 1 },
    recipients: null,
    customerId: 'c1',
    occurredAt: new Date('2026-11-23T10:00:00Z'),
    receivedAt: new Date('2026-11-23T10:00:01Z'),
    requestId: 'req-1',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };

  it('routes by <kind>.<type> and carries the SPEC §6 headers', () => {
    const message = toOutboundMessage(event);
    expect(message).toMatchObject({ exchange: 'herald.events', routingKey: 'business.revenue_impact', messageId: event.id });
    expect(message.headers).toEqual({ event_id: event.id, tenant_id: 'tn_a', request_id: 'req-1', attempt: 1, traceparent: event.traceparent });
  });

  it('produces a body the consumer-side contract accepts', () => {
    const body = toOutboundMessage(event).body;
    expect(EventAcceptedContract.parse(JSON.parse(JSON.stringify(body)))).toMatchObject({ event_id: event.id, customer_id: 'c1' });
    expect(() => EventAcceptedContract.parse({ ...body, kind: 'other' })).toThrow(/event.accepted@v1/);
  });

  it('fills every field the contract names, and no other', () => {
    const body = toOutboundMessage({ ...event, recipients: { roles: ['ops'] } }).body;
    expect(Object.keys(body).sort()).toEqual(Object.keys(EventAcceptedContract.schema['properties'] as object).sort());
  });
});

describe('toCallbackMessage', () => {
  const webhook = {
    id: '5f1d9a3e-7c2b-4e8a-9b1c-2d3e4f5a6b7c',
    tenantId: parseTenantId('tn_a'),
    kind: 'webhook' as const,
    type: 'acme.order.created',
    source: 'acme',
    schemaVersion: 1,
    payload: { subject: 'order 7', data: { total: 12 } },
    recipients: null,
    customerId: null,
    occurredAt: new Date('2026-11-23T10:00:00Z'),
    receivedAt: new Date('2026-11-23T10:00:01Z'),
    requestId: 'req-2',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    provider: 'acme',
    providerEventId: 'evt_1',
    integrationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    callbackDue: true,
  };

  it('is a delivery.job@v1 on herald.deliveries (webhook) to the integration, with a stable delivery id', () => {
    const message = toCallbackMessage(webhook);
    expect(message).toMatchObject({ exchange: 'herald.deliveries', routingKey: 'webhook', messageType: 'delivery.job', messageId: `${webhook.id}:callback` });
    expect(message.headers).toMatchObject({ event_id: webhook.id, tenant_id: 'tn_a', request_id: 'req-2', attempt: 1, traceparent: webhook.traceparent });
    const job = DeliveryJobContract.parse(JSON.parse(JSON.stringify(message.body)));
    expect(job).toEqual({
      contract_version: 1,
      delivery_id: `${webhook.id}:callback`,
      tenant_id: 'tn_a',
      event_id: webhook.id,
      channel: 'webhook',
      destination: { kind: 'integration', integration_id: webhook.integrationId },
      event: {
        type: 'webhook.acme.order.created',
        timestamp: '2026-11-23T10:00:00.000Z',
        data: { event_id: webhook.id, provider: 'acme', provider_event_id: 'evt_1', integration_id: webhook.integrationId, subject: 'order 7', data: { total: 12 } },
      },
    });
  });

  it('is rebuilt identically from the event (what the relay sweep does after a crash)', () => {
    expect(toTargetMessage({ ...webhook }, 'callback')).toEqual(toCallbackMessage(webhook));
  });

  it('refuses an event without an integration instead of sending a job nobody can route', () => {
    expect(() => toCallbackMessage({ ...webhook, integrationId: null })).toThrow(/no integration/);
  });
});
