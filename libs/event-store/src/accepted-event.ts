// An event as the event store accepts it, and its herald.events message.
import { DeliveryChannel, EventAcceptedMessage, EventKind, eventRoutingKey, Exchanges, RecipientScope, TenantId } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';

export interface AcceptedEvent {
  id: string;
  /** Typed, so an event cannot be stored without its tenant (the grouped writer mixes tenants). */
  tenantId: TenantId;
  kind: EventKind;
  type: string;
  source: string;
  schemaVersion: number;
  payload: Record<string, unknown>;
  recipients: RecipientScope | null;
  customerId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  requestId: string;
  traceparent: string;
  provider?: string | null;
  providerEventId?: string | null;
  /** The integration a provider webhook came through (its callback URL receives the event). */
  integrationId?: string | null;
  /** The provider request as received (body, headers with secrets redacted): stored with the event, never published. */
  rawSnapshot?: Record<string, unknown> | null;
}

export const EVENT_ACCEPTED_MESSAGE_TYPE = 'event.accepted.v1';

/** The herald.events message of an accepted event (event.accepted@v1). */
export function toOutboundMessage(event: AcceptedEvent): OutgoingMessage & { body: EventAcceptedMessage } {
  return {
    exchange: Exchanges.events,
    routingKey: eventRoutingKey(event.kind, event.type),
    messageType: EVENT_ACCEPTED_MESSAGE_TYPE,
    messageId: event.id,
    headers: {
      event_id: event.id,
      tenant_id: event.tenantId,
      request_id: event.requestId,
      attempt: 1,
      traceparent: event.traceparent,
    },
    body: {
      contract_version: 1,
      event_id: event.id,
      tenant_id: event.tenantId,
      kind: event.kind,
      type: event.type,
      source: event.source,
      schema_version: event.schemaVersion,
      occurred_at: event.occurredAt.toISOString(),
      received_at: event.receivedAt.toISOString(),
      payload: event.payload,
      ...(event.recipients ? { recipients: event.recipients } : {}),
      customer_id: event.customerId,
    },
  };
}

/** Where an outbox row of the event goes: herald.events, or the analytics delivery channel. */
export type OutboxTarget = 'events' | 'analytics';

const ANALYTICS_CHANNEL: DeliveryChannel = 'analytics';

/**
 * The analytics job of a business event (SPEC §4: forwarded to PostHog through the delivery
 * worker's `analytics` channel): the same event.accepted body on herald.deliveries, routing
 * key `analytics`, so the worker needs nothing else to build its capture call.
 */
export function toAnalyticsMessage(event: AcceptedEvent): OutgoingMessage & { body: EventAcceptedMessage } {
  const message = toOutboundMessage(event);
  return { ...message, exchange: Exchanges.deliveries, routingKey: ANALYTICS_CHANNEL, headers: { ...message.headers, channel: ANALYTICS_CHANNEL } };
}

/** The message of one outbox row of the event. */
export function toTargetMessage(event: AcceptedEvent, target: OutboxTarget): OutgoingMessage {
  return target === 'analytics' ? toAnalyticsMessage(event) : toOutboundMessage(event);
}
