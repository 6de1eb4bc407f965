// herald.reports command: re-send what one webhook subscription missed in a window (SPEC §8,
// §9 `POST /webhooks/:id/recover`). Sent by the management context through its outbox; applied
// by the delivery worker, the only writer of deliveries: the subscription's deliveries created
// in [since, until) that ended `failed`, or wait `paused`, become due again with the same
// delivery id (so the same `webhook-id`) and a fresh attempt budget. Dedup key:
// recover_request_id — a redelivered command re-queues nothing twice.
import { TenantId } from '../ids';
import { MessageContract } from './message-contract';

export interface WebhookRecoverMessage {
  contract_version: 1;
  recover_request_id: string;
  tenant_id: TenantId;
  subscription_id: string;
  /** ISO 8601, inclusive. */
  since: string;
  /** ISO 8601, exclusive. */
  until: string;
  requested_at: string;
}

/** Routing key on herald.reports (a command to the owner of deliveries). */
export const WEBHOOK_RECOVER_ROUTING_KEY = 'webhook_subscription.recover';

export const WebhookRecoverContract = new MessageContract<WebhookRecoverMessage>('webhook_subscription.recover', 1, {
  type: 'object',
  required: ['contract_version', 'recover_request_id', 'tenant_id', 'subscription_id', 'since', 'until', 'requested_at'],
  additionalProperties: false,
  properties: {
    contract_version: { const: 1 },
    recover_request_id: { type: 'string', format: 'uuid' },
    tenant_id: { type: 'string', minLength: 1 },
    subscription_id: { type: 'string', format: 'uuid' },
    since: { type: 'string', format: 'date-time' },
    until: { type: 'string', format: 'date-time' },
    requested_at: { type: 'string', format: 'date-time' },
  },
});
