// The channel fan-out's jobs on herald.deliveries (SPEC §7, §8): one delivery.job per webhook
// subscription that takes the event's type, and one per recipient who wants the notification
// by email or SMS and has an address or number in the directory. The delivery id is made from the event and the
// destination, so the same event can never make two deliveries to one subscription (the
// worker dedups on it, and it is the `webhook-id` every attempt carries).
import { createHash } from 'node:crypto';
import { DeliveryEvent, DeliveryJobMessage, EventAcceptedMessage, Exchanges, MessageHeaderValues, UserId } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';

export const DELIVERY_JOB_MESSAGE_TYPE = 'delivery.job';

/** The delivery id of an event's delivery to one subscription. */
export function subscriptionDeliveryId(eventId: string, subscriptionId: string): string {
  return `${eventId}:${subscriptionId}`;
}

export function webhookJobs(event: EventAcceptedMessage, subscriptionIds: readonly string[], headers: MessageHeaderValues): OutgoingMessage[] {
  const content: DeliveryEvent = { type: event.type, timestamp: event.occurred_at, data: event.payload };
  return subscriptionIds.map((subscriptionId) =>
    jobMessage(event, subscriptionDeliveryId(event.event_id, subscriptionId), 'webhook', { kind: 'webhook_subscription', subscription_id: subscriptionId }, content, headers),
  );
}

/** A recipient of an email or SMS: the user and where to reach them. */
export interface ContactRecipient {
  userId: UserId;
  address: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * Email or SMS jobs for these recipients; an address the job contract would refuse is
 * skipped (the directory checks them on write, this guards older rows). The delivery id
 * names the event, the channel and a hash of the user id (ids may hold any character).
 */
export function contactJobs(
  event: EventAcceptedMessage,
  channel: 'email' | 'sms',
  recipients: readonly ContactRecipient[],
  content: DeliveryEvent,
  headers: MessageHeaderValues,
): OutgoingMessage[] {
  const valid = channel === 'email' ? EMAIL : E164;
  return recipients
    .filter((r) => valid.test(r.address))
    .map((r) => {
      const deliveryId = `${event.event_id}:${channel}:${createHash('sha256').update(r.userId).digest('hex').slice(0, 16)}`;
      const destination = channel === 'email' ? { kind: 'email' as const, address: r.address } : { kind: 'sms' as const, phone: r.address };
      return jobMessage(event, deliveryId, channel, destination, content, headers);
    });
}

function jobMessage(
  event: EventAcceptedMessage,
  deliveryId: string,
  channel: DeliveryJobMessage['channel'],
  destination: DeliveryJobMessage['destination'],
  content: DeliveryEvent,
  headers: MessageHeaderValues,
): OutgoingMessage {
  const body: DeliveryJobMessage = { contract_version: 1, delivery_id: deliveryId, tenant_id: event.tenant_id, event_id: event.event_id, channel, destination, event: content };
  return { exchange: Exchanges.deliveries, routingKey: channel, messageType: DELIVERY_JOB_MESSAGE_TYPE, messageId: deliveryId, headers, body };
}
