// toOutboundMessage: the herald.events message of an accepted event, routed and headed as SPEC §6 says.
import { toOutboundMessage } from './accepted-event';
import { EventAcceptedContract, parseTenantId } from '@herald/contracts';

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
