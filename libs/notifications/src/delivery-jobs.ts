// The channel fan-out's jobs on herald.deliveries (SPEC §7, §8): one delivery.job per webhook
// subscription that takes the event's type. The delivery id is made from the event and the
// destination, so the same event can never make two deliveries to one subscription (the
// worker dedups on it, and it is the `webhook-id` every attempt carries).
import { DeliveryJobMessage, EventAcceptedMessage, Exchanges, MessageHeaderValues } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';

export const DELIVERY_JOB_MESSAGE_TYPE = 'delivery.job';

/** The delivery id of an event's delivery to one subscription. */
export function subscriptionDeliveryId(eventId: string, subscriptionId: string): string {
  return `${eventId}:${subscriptionId}`;
}

export function webhookJobs(event: EventAcceptedMessage, subscriptionIds: readonly string[], headers: MessageHeaderValues): OutgoingMessage[] {
  return subscriptionIds.map((subscriptionId) => {
    const body: DeliveryJobMessage = {
      contract_version: 1,
      delivery_id: subscriptionDeliveryId(event.event_id, subscriptionId),
      tenant_id: event.tenant_id,
      event_id: event.event_id,
      channel: 'webhook',
      destination: { kind: 'webhook_subscription', subscription_id: subscriptionId },
      event: { type: event.type, timestamp: event.occurred_at, data: event.payload },
    };
    return {
      exchange: Exchanges.deliveries,
      routingKey: 'webhook',
      messageType: DELIVERY_JOB_MESSAGE_TYPE,
      messageId: body.delivery_id,
      headers,
      body,
    };
  });
}
