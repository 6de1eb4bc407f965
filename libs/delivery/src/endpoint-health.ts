// Endpoint health (SPEC §8): after FAILING_ALERT_AFTER failed attempts in a row to one
// webhook endpoint, the tenant's admins are told once per streak (`webhook.attempt.failing`);
// an endpoint failing continuously for DISABLE_AFTER_MS, or answering 410, is disabled and
// they are told so (`webhook.endpoint.disabled`). Both are published on herald.events as
// `notification` events for the admin role, which the notification service turns into
// in-app notifications (and, with its webhook fan-out, operational webhooks). The streak is
// counted in webhook_endpoint_states; a success ends it.
import { randomUUID } from 'node:crypto';
import { EventAcceptedMessage, eventRoutingKey, Exchanges, TenantId } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';
import { DeliveryAttempt } from './channel-sender';

export const FAILING_ALERT_AFTER = 4;
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;
export const WEBHOOK_ATTEMPT_FAILING = 'webhook.attempt.failing';
export const WEBHOOK_ENDPOINT_DISABLED = 'webhook.endpoint.disabled';

type EndpointAlertType = typeof WEBHOOK_ATTEMPT_FAILING | typeof WEBHOOK_ENDPOINT_DISABLED;

export interface FailingEndpoint {
  tenantId: TenantId;
  subscriptionId: string;
  deliveryId: string;
  consecutiveFailures: number;
  attempt: DeliveryAttempt;
  requestId: string;
  traceparent: string;
}

/** True when an attempt reached the endpoint and counts for its health (an unavailable destination was never tried). */
export function countsForHealth(attempt: DeliveryAttempt): boolean {
  return attempt.errorClass !== 'destination_unavailable' && attempt.errorClass !== 'destination_refused';
}

const WORDING: Record<EndpointAlertType, (inARow: number, reason: string) => { title: string; summary: string }> = {
  [WEBHOOK_ATTEMPT_FAILING]: (inARow, reason) => ({ title: 'Webhook endpoint failing', summary: `${inARow} delivery attempts in a row failed (last: ${reason})` }),
  [WEBHOOK_ENDPOINT_DISABLED]: (inARow, reason) => ({ title: 'Webhook endpoint disabled', summary: `Disabled after ${inARow} failed attempts in a row (last: ${reason})` }),
};

export function endpointAlert(type: EndpointAlertType, failing: FailingEndpoint): OutgoingMessage {
  const now = new Date().toISOString();
  const reason = failing.attempt.status !== undefined ? `HTTP ${failing.attempt.status}` : (failing.attempt.errorClass ?? 'error');
  const event: EventAcceptedMessage = {
    contract_version: 1,
    event_id: randomUUID(),
    tenant_id: failing.tenantId,
    kind: 'notification',
    type,
    source: 'delivery-worker',
    schema_version: 1,
    occurred_at: now,
    received_at: now,
    payload: {
      severity: 'high',
      ...WORDING[type](failing.consecutiveFailures, reason),
      subscription_id: failing.subscriptionId,
      delivery_id: failing.deliveryId,
      consecutive_failures: failing.consecutiveFailures,
      last_status: failing.attempt.status ?? null,
      last_error_class: failing.attempt.errorClass ?? null,
    },
    recipients: { roles: ['admin'] },
  };
  return {
    exchange: Exchanges.events,
    routingKey: eventRoutingKey('notification', type),
    body: event,
    messageType: 'event.accepted',
    messageId: event.event_id,
    headers: { event_id: event.event_id, tenant_id: failing.tenantId, request_id: failing.requestId, attempt: 1, traceparent: failing.traceparent },
  };
}
