// Consumes herald.events and stores one notification per event for its recipients who want
// it in their feed (preferences; critical alerts always), with its live push to them on
// herald.realtime in the same transaction. Dedup key: (tenant_id, event_id) — a redelivered
// event adds nothing and pushes nothing.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { commonPayloadFields, EventAcceptedContract, EventAcceptedMessage, Exchanges } from '@herald/contracts';
import { HandlerOutcome, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { routeFor } from './alert-routing';
import { liveMessages } from './live/live-notification.message';
import { messageHeaders } from './message-headers';
import { NotificationRepository } from './notification.repository';
import { PreferenceRepository } from './preference.repository';
import { allows, DEFAULT_PREFERENCES } from './preferences';
import { RecipientResolver } from './recipient.resolver';

export const NOTIFICATION_EVENTS_QUEUE: QueueDefinition = {
  name: 'notifications.events',
  // what this service handles: business events (alerts) and notification triggers; provider
  // webhooks (`webhook.*`) reach it only when alert rules route them (not built yet)
  bindings: [
    { exchange: Exchanges.events, pattern: 'business.#' },
    { exchange: Exchanges.events, pattern: 'notification.#' },
  ],
  // releases before this one bound everything
  retiredBindings: [{ exchange: Exchanges.events, pattern: '#' }],
};

@Injectable()
@QueueConsumer()
export class EventNotificationConsumer implements MessageHandler<EventAcceptedMessage> {
  readonly queue = NOTIFICATION_EVENTS_QUEUE;
  readonly contract = EventAcceptedContract;

  constructor(
    private readonly recipients: RecipientResolver,
    private readonly notifications: NotificationRepository,
    private readonly preferences: PreferenceRepository,
  ) {}

  async handle(event: EventAcceptedMessage): Promise<HandlerOutcome> {
    const resolved = await this.recipients.resolve(event);
    const route = routeFor(event.type, event.schema_version);
    const payload = event.payload;
    const common = commonPayloadFields(payload);
    const subject = { type: event.type, severity: common.severity ?? 'medium', scope: route.scope };
    const stored = await this.preferences.forRecipients(event.tenant_id, resolved, event.customer_id ?? null);
    const userIds = resolved.filter((user) => allows(stored.get(user) ?? DEFAULT_PREFERENCES, subject, 'in_app'));
    await this.notifications.saveForEvent(
      event.tenant_id,
      {
        id: randomUUID(),
        eventId: event.event_id,
        type: event.type,
        severity: subject.severity,
        scope: route.scope,
        title: common.title ?? route.title,
        summary: common.summary ?? description(payload) ?? '',
        content: payload,
        customerId: event.customer_id ?? null,
        actions: [],
      },
      userIds,
      (item) => liveMessages(event.tenant_id, userIds, item, messageHeaders(event.event_id, event.tenant_id)),
    );
    return Outcome.done();
  }
}

/** Some types describe themselves in `description` rather than the common `summary`. */
function description(payload: Record<string, unknown>): string | undefined {
  return typeof payload['description'] === 'string' ? payload['description'] : undefined;
}
