// Consumes herald.events and stores one notification per event for its recipients.
// Dedup key: (tenant_id, event_id) — a redelivered event adds nothing.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventAcceptedContract, EventAcceptedMessage, Exchanges } from '@herald/contracts';
import { HandlerOutcome, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { routeFor } from './alert-routing';
import { NotificationRepository } from './notification.repository';
import { RecipientResolver } from './recipient.resolver';

export const NOTIFICATION_EVENTS_QUEUE: QueueDefinition = {
  name: 'notifications.events',
  bindings: [{ exchange: Exchanges.events, pattern: '#' }],
};

@Injectable()
@QueueConsumer()
export class EventNotificationConsumer implements MessageHandler<EventAcceptedMessage> {
  readonly queue = NOTIFICATION_EVENTS_QUEUE;
  readonly contract = EventAcceptedContract;

  constructor(
    private readonly recipients: RecipientResolver,
    private readonly notifications: NotificationRepository,
  ) {}

  async handle(event: EventAcceptedMessage): Promise<HandlerOutcome> {
    const userIds = await this.recipients.resolve(event);
    const route = routeFor(event.type);
    const payload = event.payload;
    await this.notifications.saveForEvent(
      {
        id: randomUUID(),
        tenantId: event.tenant_id,
        eventId: event.event_id,
        type: event.type,
        severity: typeof payload['severity'] === 'string' ? payload['severity'] : 'medium',
        scope: route.scope,
        title: typeof payload['title'] === 'string' ? payload['title'] : route.title,
        summary: stringField(payload, 'summary') ?? stringField(payload, 'description') ?? '',
        content: payload,
        customerId: event.customer_id ?? null,
        actions: [],
      },
      userIds,
    );
    return Outcome.done();
  }
}

function stringField(payload: Record<string, unknown>, key: string): string | undefined {
  const value = payload[key];
  return typeof value === 'string' ? value : undefined;
}
