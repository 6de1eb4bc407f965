// Takes the analytics messages of herald.deliveries (routing key `analytics`): accepted
// business events as the event store's outbox publishes them when PostHog is configured
// (event.accepted@v1, not delivery jobs, so a queue of their own), and captures each in
// PostHog. A failed capture is retried on CONSUMER_RETRY_SCHEDULE, then dead-lettered; no
// delivery row is kept for them. Dedup key: event_id — the capture's uuid, so PostHog keeps
// one event when a redelivered or retried message is captured again.
import { Injectable } from '@nestjs/common';
import { EventAcceptedContract, EventAcceptedMessage, Exchanges } from '@herald/contracts';
import { HandlerOutcome, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { AnalyticsCapture, PosthogCapture } from './posthog-capture';

export const ANALYTICS_QUEUE = 'delivery.analytics';

@Injectable()
@QueueConsumer()
export class AnalyticsEventConsumer implements MessageHandler<EventAcceptedMessage> {
  readonly queue: QueueDefinition = { name: ANALYTICS_QUEUE, bindings: [{ exchange: Exchanges.deliveries, pattern: 'analytics' }] };
  readonly contract = EventAcceptedContract;

  constructor(private readonly posthog: PosthogCapture) {}

  async handle(event: EventAcceptedMessage): Promise<HandlerOutcome> {
    try {
      await this.posthog.capture(analyticsCapture(event));
      return Outcome.done();
    } catch (err) {
      return Outcome.retry(`PostHog capture failed: ${(err as Error).message}`);
    }
  }
}

/** The PostHog capture of an event: by its customer when it names one, else by its tenant; named by its type. */
export function analyticsCapture(event: EventAcceptedMessage): AnalyticsCapture {
  return {
    distinctId: event.customer_id ?? event.tenant_id,
    event: event.type,
    // Herald's own fields last: a payload field cannot pass for them
    properties: {
      ...event.payload,
      event_id: event.event_id,
      tenant_id: event.tenant_id,
      ...(event.customer_id ? { customer_id: event.customer_id } : {}),
      source: event.source,
      schema_version: event.schema_version,
    },
    timestamp: new Date(event.occurred_at),
    uuid: event.event_id,
  };
}
