// The delivery jobs of a replay (SPEC §9): one delivery.job on herald.deliveries (routing key
// `webhook`) per current subscription whose filter takes the event's type, and one to the
// callback of the integration the event came through. Each has a fresh delivery id naming the
// replay request, so the worker (which dedups on delivery ids) sends it again, and receivers
// see a new `webhook-id`.
import { DeliveryDestination, DeliveryEvent, DeliveryJobContract, DeliveryJobMessage, eventTypeFilterTakes, Exchanges, MessageHeaderValues, parseTenantId } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';
import { ReplayableEvent, SubscriptionFilter } from './replay-target.reader';

export interface ReplayDestinations {
  subscriptions: readonly SubscriptionFilter[];
  /** The integration whose callback gets the event again, when it has one. */
  callbackIntegrationId: string | null;
}

/** `<event id>:<subscription id>:replay:<request id>` (117 characters with uuids; the contract allows 128). */
export function replayDeliveryId(eventId: string, target: string, replayRequestId: string): string {
  return `${eventId}:${target}:replay:${replayRequestId}`;
}

export function replayJobs(event: ReplayableEvent, replayRequestId: string, destinations: ReplayDestinations, headers: MessageHeaderValues): OutgoingMessage[] {
  const content: DeliveryEvent = { type: event.type, timestamp: event.occurred_at.toISOString(), data: event.payload };
  const jobs = destinations.subscriptions
    .filter((subscription) => eventTypeFilterTakes(subscription.event_types, event.type))
    .map((subscription) => ({ target: subscription.id, destination: { kind: 'webhook_subscription', subscription_id: subscription.id } as DeliveryDestination }));
  if (destinations.callbackIntegrationId) {
    jobs.push({ target: 'callback', destination: { kind: 'integration', integration_id: destinations.callbackIntegrationId } });
  }
  return jobs.map(({ target, destination }) => {
    const deliveryId = replayDeliveryId(event.id, target, replayRequestId);
    const body: DeliveryJobMessage = {
      contract_version: 1,
      delivery_id: deliveryId,
      tenant_id: parseTenantId(event.tenant_id),
      event_id: event.id,
      channel: 'webhook',
      destination,
      event: content,
    };
    return { exchange: Exchanges.deliveries, routingKey: 'webhook', messageType: DeliveryJobContract.name, messageId: deliveryId, headers, body: DeliveryJobContract.parse(body) };
  });
}
