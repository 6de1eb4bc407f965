// Accepting one notification trigger (SPEC §4, `POST /api/v1/notifications`): its envelope,
// tenant, type and payload go through the events' acceptEvent (one acceptance path), then its
// own fields — recipients, `customer_id`, an optional `timestamp` — make it a `notification`
// event. Synchronous and side-effect free; the directory check is the service's.
import { MalformedRequestError, Principal } from '@herald/contracts';
import { AcceptedEvent } from '@herald/event-store';
import { AcceptanceLimits, AcceptanceOrigin, acceptEvent } from './event-acceptance';
import { parseRecipients } from './notification-recipients';

/** Checks a trigger body and builds the `notification` event the writer stores; throws typed errors. */
export function acceptNotification(principal: Principal, body: unknown, limits: AcceptanceLimits, origin: AcceptanceOrigin): AcceptedEvent {
  const receivedAt = new Date();
  const fields = isObject(body) ? body : undefined;
  const customerId = fields ? customerIdOf(fields) : null;
  // a trigger's timestamp is optional (the seed's body has none): it happened when it arrived
  const envelope = fields && (fields['timestamp'] === undefined || fields['timestamp'] === null) ? { ...fields, timestamp: receivedAt.toISOString() } : body;
  const event = acceptEvent(principal, envelope, limits, origin);
  const recipients = parseRecipients(fields?.['recipients']);
  return { ...event, kind: 'notification', recipients, customerId: customerId ?? event.customerId, receivedAt };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function customerIdOf(fields: Record<string, unknown>): string | null {
  const value = fields['customer_id'];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length === 0) {
    throw new MalformedRequestError('The request is invalid', [{ path: 'customer_id', message: 'must be a non-empty string' }]);
  }
  return value;
}
