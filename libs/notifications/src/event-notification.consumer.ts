// Consumes herald.events and stores one notification per event for its recipients who want
// it in their feed (preferences; critical alerts always), with its live push to them on
// herald.realtime and delivery jobs on herald.deliveries — each of the tenant's webhook
// subscriptions that takes the type, and each recipient who wants it by email or SMS and has
// an address — all in the same transaction. Dedup key: (tenant_id, event_id) — a redelivered
// event adds nothing, pushes nothing and sends nothing.
import { Inject, Injectable } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { randomUUID } from 'node:crypto';
import { commonPayloadFields, EventAcceptedContract, EventAcceptedMessage, Exchanges, UserId } from '@herald/contracts';
import { HandlerOutcome, MessageContext, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { AlertRouting } from './alert-routing';
import { liveMessages } from './live/live-notification.message';
import { messageHeaders } from './message-headers';
import { NotificationRepository } from './notification.repository';
import { PreferenceRepository } from './preference.repository';
import { ProcessingReportRepository } from './processing-report.repository';
import { SubscriptionReader } from './subscription.reader';
import { contactJobs, webhookJobs } from './delivery-jobs';
import { DirectoryReader } from './directory.reader';
import { allows, DEFAULT_PREFERENCES, PreferenceChannel } from './preferences';
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
    private readonly routing: AlertRouting,
    private readonly notifications: NotificationRepository,
    private readonly preferences: PreferenceRepository,
    private readonly reports: ProcessingReportRepository,
    private readonly subscriptions: SubscriptionReader,
    private readonly directory: DirectoryReader,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
  ) {}

  /** Processes the event; a failure is reported (retrying, or failed on the last attempt) and rethrown for the retry. */
  async handle(event: EventAcceptedMessage, context: MessageContext): Promise<HandlerOutcome> {
    const attempt = context.headers.attempt;
    try {
      return await this.process(event, attempt);
    } catch (err) {
      const final = attempt > this.config.consumerRetryDelaysMs.length;
      await this.reports.recordFailure(event.tenant_id, event.event_id, attempt, final, (err as Error).message).catch(() => undefined);
      throw err;
    }
  }

  private async process(event: EventAcceptedMessage, attempt: number): Promise<HandlerOutcome> {
    const route = await this.routing.routeFor(event);
    const resolved = await this.recipients.resolve(event, route);
    const payload = event.payload;
    const common = commonPayloadFields(payload);
    const subject = { type: event.type, severity: common.severity ?? 'medium', scope: route.scope };
    const stored = await this.preferences.forRecipients(event.tenant_id, resolved, event.customer_id ?? null);
    const wants = (channel: PreferenceChannel) => resolved.filter((user) => allows(stored.get(user) ?? DEFAULT_PREFERENCES, subject, channel));
    const userIds = wants('in_app');
    const [emailTo, smsTo] = [wants('email'), wants('sms')];
    const contacts = await this.directory.contacts(event.tenant_id, [...new Set([...emailTo, ...smsTo])]);
    // webhooks are the tenant's, not a user's: every enabled subscription that takes the type, preferences aside
    const subscriptions = await this.subscriptions.matching(event.tenant_id, event.type);
    const title = common.title ?? route.title;
    const summary = common.summary ?? route.summary ?? description(payload) ?? '';
    await this.notifications.saveForEvent(
      event.tenant_id,
      {
        id: randomUUID(),
        eventId: event.event_id,
        type: event.type,
        severity: subject.severity,
        scope: route.scope,
        title,
        summary,
        content: payload,
        customerId: event.customer_id ?? null,
        actions: route.actions,
      },
      userIds,
      (item) => {
        const headers = messageHeaders(event.event_id, event.tenant_id);
        // an email or SMS says what the feed says: the notification's title and summary over the payload
        const content = { type: event.type, timestamp: event.occurred_at, data: { ...payload, title, summary } };
        const reach = (users: UserId[], field: 'email' | 'phone') =>
          users.flatMap((userId) => {
            const address = contacts.get(userId)?.[field];
            return address ? [{ userId, address }] : [];
          });
        return [
          ...liveMessages(event.tenant_id, userIds, item, headers),
          ...webhookJobs(event, subscriptions, headers),
          ...contactJobs(event, 'email', reach(emailTo, 'email'), content, headers),
          ...contactJobs(event, 'sms', reach(smsTo, 'phone'), content, headers),
        ];
      },
      attempt,
    );
    return Outcome.done();
  }
}

/** Some types describe themselves in `description` rather than the common `summary`. */
function description(payload: Record<string, unknown>): string | undefined {
  return typeof payload['description'] === 'string' ? payload['description'] : undefined;
}
