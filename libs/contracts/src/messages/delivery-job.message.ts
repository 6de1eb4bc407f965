// herald.deliveries message: one delivery job (SPEC §6, §8), routing key = its channel.
// Producers (the notification fan-out, the ingress callbacks, replays) make `delivery_id`
// once; it is the job's dedup key in the delivery worker and, for webhooks, the
// `webhook-id` header of every attempt, so it stays the same across retries and replays
// of the same delivery.
import { TenantId } from '../ids';
import { MessageContract } from './message-contract';

/** Where a job goes; the worker resolves the address (and its credentials) from the row at send time. */
export type DeliveryDestination =
  | { kind: 'webhook_subscription'; subscription_id: string }
  | { kind: 'integration'; integration_id: string }
  | { kind: 'email'; address: string }
  | { kind: 'sms'; phone: string };

/** The body a destination receives: the Standard Webhooks `{type, timestamp, data}`. */
export interface DeliveryEvent {
  type: string;
  /** ISO 8601 date-time of the event. */
  timestamp: string;
  data: Record<string, unknown>;
}

export interface DeliveryJobMessage {
  contract_version: 1;
  delivery_id: string;
  tenant_id: TenantId;
  event_id: string;
  channel: 'webhook' | 'email' | 'sms';
  destination: DeliveryDestination;
  event: DeliveryEvent;
  /**
   * A subscription test (POST /webhooks/:id/test): one attempt only — no retry, no
   * dead-letter, not counted for the endpoint's health or circuit, never recovered.
   */
  test?: boolean;
}

const DESTINATION_KINDS: Record<DeliveryDestination['kind'], { field: string; schema: Record<string, unknown> }> = {
  webhook_subscription: { field: 'subscription_id', schema: { type: 'string', format: 'uuid' } },
  integration: { field: 'integration_id', schema: { type: 'string', format: 'uuid' } },
  email: { field: 'address', schema: { type: 'string', format: 'email' } },
  sms: { field: 'phone', schema: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' } },
};

export const DeliveryJobContract = new MessageContract<DeliveryJobMessage>('delivery.job', 1, {
  type: 'object',
  required: ['contract_version', 'delivery_id', 'tenant_id', 'event_id', 'channel', 'destination', 'event'],
  properties: {
    contract_version: { const: 1 },
    // becomes a header value: printable, no spaces, bounded
    delivery_id: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' },
    tenant_id: { type: 'string', minLength: 1 },
    event_id: { type: 'string', format: 'uuid' },
    channel: { enum: ['webhook', 'email', 'sms'] },
    test: { type: 'boolean' },
    destination: {
      oneOf: Object.entries(DESTINATION_KINDS).map(([kind, { field, schema }]) => ({
        type: 'object',
        required: ['kind', field],
        properties: { kind: { const: kind }, [field]: schema },
        additionalProperties: false,
      })),
    },
    event: {
      type: 'object',
      required: ['type', 'timestamp', 'data'],
      properties: {
        type: { type: 'string', minLength: 1, maxLength: 256 },
        timestamp: { type: 'string', format: 'date-time' },
        data: { type: 'object' },
      },
      additionalProperties: false,
    },
  },
});
