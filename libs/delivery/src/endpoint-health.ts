// Endpoint health (SPEC §8): after FAILING_ALERT_AFTER failed attempts in a row to one
// webhook endpoint, the tenant's admins are told once per streak — `webhook.attempt.failing`,
// published on herald.events as a `notification` event for the admin role, which the
// notification service turns into in-app notifications (and, with its webhook fan-out, an
// operational webhook). The streak is counted in webhook_endpoint_states; a success ends it.
import { randomUUID } from 'node:crypto';
import { EventAcceptedMessage, eventRoutingKey, Exchanges, TenantId } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';
import { DeliveryAttempt } from './channel-sender';

export const FAILING_ALERT_AFTER = 4;
export const WEBHOOK_ATTEMPT_FAILING = 'webhook.attempt.failing';

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

export function failingEndpointAlert(failing: FailingEndpoint): OutgoingMessage {
  const now = new Date().toISOString();
  const reason = failing.attempt.status !== undefined ? `HTTP ${failing.attempt.status}` : (failing.attempt.errorClass ?? 'error');
  const event: EventAcceptedMessage = {
    contract_version: 1,
    event_id: randomUUID(),
    tenant_id: failing.tenantId,
    kind: 'notification',
    type: WEBHOOK_ATTEMPT_FAILING,
    source: 'delivery-worker',
    schema_version: 1,
    occurred_at: now,
    received_at: now,
    payload: {
      severity: 'high',
      title: 'Webhook endpoint failing',
      summary: `${failing.consecutiveFailures} delivery attempts in a row failed (last: ${reason})`,
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
    routingKey: eventRoutingKey('notification', WEBHOOK_ATTEMPT_FAILING),
    body: event,
    messageType: 'event.accepted',
    messageId: event.event_id,
    headers: { event_id: event.event_id, tenant_id: failing.tenantId, request_id: failing.requestId, attempt: 1, traceparent: failing.traceparent },
  };
}
