// Names on the broker (SPEC §6): exchanges, routing keys, the headers every message carries.
export const Exchanges = {
  events: 'herald.events',
  deliveries: 'herald.deliveries',
  realtime: 'herald.realtime',
  deadLetter: 'herald.dead-letter',
  /** Reports to the owner of a table (routing key = the report's message type, e.g. `api_key.used`). */
  reports: 'herald.reports',
} as const;

export type EventKind = 'business' | 'notification' | 'webhook';
export type DeliveryChannel = 'webhook' | 'email' | 'sms' | 'in_app' | 'analytics';

/** `<kind>.<type>` on herald.events. */
export function eventRoutingKey(kind: EventKind, type: string): string {
  return `${kind}.${type}`;
}

export const MessageHeaders = {
  eventId: 'event_id',
  tenantId: 'tenant_id',
  requestId: 'request_id',
  attempt: 'attempt',
  traceparent: 'traceparent',
  messageType: 'message_type',
} as const;

// A type alias (not an interface) so it is assignable to a header record.
export type MessageHeaderValues = {
  event_id: string;
  tenant_id: string;
  request_id: string;
  attempt: number;
  traceparent: string;
};
