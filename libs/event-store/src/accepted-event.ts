// An event as the event store accepts it, and its herald.events message.
import { DeliveryChannel, DeliveryJobMessage, EventAcceptedMessage, EventKind, eventRoutingKey, Exchanges, MessageHeaderValues, RecipientScope, TenantId } from '@herald/contracts';
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
  /**
   * The integration had a callback URL when the event was accepted: the event's unit also
   * commits a `callback` outbox row (its delivery job), and the derived status waits for it.
   */
  callbackDue?: boolean | null;
  /** The provider request as received (body, headers with secrets redacted): stored with the event, never published. */
  rawSnapshot?: Record<string, unknown> | null;
}

export const EVENT_ACCEPTED_MESSAGE_TYPE = 'event.accepted.v1';

/** The SPEC §6 headers every message about the event carries. */
function eventHeaders(event: AcceptedEvent): MessageHeaderValues {
  return { event_id: event.id, tenant_id: event.tenantId, request_id: event.requestId, attempt: 1, traceparent: event.traceparent };
}

/** The herald.events message of an accepted event (event.accepted@v1). */
export function toOutboundMessage(event: AcceptedEvent): OutgoingMessage & { body: EventAcceptedMessage } {
  return {
    exchange: Exchanges.events,
    routingKey: eventRoutingKey(event.kind, event.type),
    messageType: EVENT_ACCEPTED_MESSAGE_TYPE,
    messageId: event.id,
    headers: eventHeaders(event),
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

/** Where an outbox row of the event goes: herald.events, the analytics channel, or the integration callback. */
export type OutboxTarget = 'events' | 'analytics' | 'callback';

const ANALYTICS_CHANNEL: DeliveryChannel = 'analytics';
const CALLBACK_CHANNEL = 'webhook' satisfies DeliveryChannel;
const DELIVERY_JOB_MESSAGE_TYPE = 'delivery.job';

/**
 * The analytics job of a business event (SPEC §4: forwarded to PostHog through the delivery
 * worker's `analytics` channel): the same event.accepted body on herald.deliveries, routing
 * key `analytics`, so the worker needs nothing else to build its capture call.
 */
export function toAnalyticsMessage(event: AcceptedEvent): OutgoingMessage & { body: EventAcceptedMessage } {
  const message = toOutboundMessage(event);
  return { ...message, exchange: Exchanges.deliveries, routingKey: ANALYTICS_CHANNEL, headers: { ...message.headers, channel: ANALYTICS_CHANNEL } };
}

/** The delivery id of a provider webhook's callback: one per event, so a redelivered job or a relay sweep never makes a second. */
export function callbackDeliveryId(eventId: string): string {
  return `${eventId}:callback`;
}

/**
 * The delivery job of a provider webhook's integration callback (SPEC §5, §8): delivery.job@v1
 * on herald.deliveries, routing key `webhook`, to `{kind: 'integration', integration_id}`, body
 * `{type: 'webhook.<provider>.<type>', timestamp: occurred_at, data}` where data is the
 * normalized event with its ids. Built from the event alone, so the relay's sweep after a
 * crash rebuilds the same job (same delivery id, so the same `webhook-id`).
 */
export function toCallbackMessage(event: AcceptedEvent): OutgoingMessage & { body: DeliveryJobMessage } {
  if (!event.integrationId) throw new Error(`event ${event.id} has a callback but no integration`);
  const deliveryId = callbackDeliveryId(event.id);
  return {
    exchange: Exchanges.deliveries,
    routingKey: CALLBACK_CHANNEL,
    messageType: DELIVERY_JOB_MESSAGE_TYPE,
    messageId: deliveryId,
    headers: { ...eventHeaders(event), channel: CALLBACK_CHANNEL, delivery_id: deliveryId },
    body: {
      contract_version: 1,
      delivery_id: deliveryId,
      tenant_id: event.tenantId,
      event_id: event.id,
      channel: CALLBACK_CHANNEL,
      destination: { kind: 'integration', integration_id: event.integrationId },
      event: {
        type: eventRoutingKey(event.kind, event.type),
        timestamp: event.occurredAt.toISOString(),
        data: {
          event_id: event.id,
          provider: event.provider ?? null,
          provider_event_id: event.providerEventId ?? null,
          integration_id: event.integrationId,
          ...event.payload,
        },
      },
    },
  };
}

/** The message of one outbox row of the event. */
export function toTargetMessage(event: AcceptedEvent, target: OutboxTarget): OutgoingMessage {
  if (target === 'analytics') return toAnalyticsMessage(event);
  if (target === 'callback') return toCallbackMessage(event);
  return toOutboundMessage(event);
}
