// Consumes herald.events and stores one notification per event for its recipients who want
// it in their feed (preferences; critical alerts always), with its live push to them on
// herald.realtime and delivery jobs on herald.deliveries — each of the tenant's webhook
// subscriptions that takes the type, and each recipient who wants it by email or SMS and has
// an address — all in the same transaction, many events per transaction (micro-batches from
// the consumer host). Dedup key: (tenant_id, event_id) — a redelivered event, or a second copy
// in the same batch, adds nothing, pushes nothing and sends nothing.
import { Inject, Injectable } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { randomUUID } from 'node:crypto';
import { commonPayloadFields, EventAcceptedContract, EventAcceptedMessage, Exchanges, UserId } from '@herald/contracts';
import { BatchItem, BatchMessageHandler, BatchOptions, HandlerOutcome, MessageContext, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { isDatabaseUnavailable } from '@herald/platform/persistence';
import { AlertRouting } from './alert-routing';
import { liveMessages } from './live/live-notification.message';
import { messageHeaders } from './message-headers';
import { EventNotification } from './notification-batch';
import { NotificationRepository } from './notification.repository';
import { PreferenceRepository } from './preference.repository';
import { FailureReport, ProcessingReportRepository } from './processing-report.repository';
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

/**
 * Events handled per transaction: up to EVENT_BATCH.maxSize, or what arrived within
 * maxWaitMs of the first (batches grow past that wait while every handler slot is busy).
 */
export const EVENT_BATCH: BatchOptions = { maxSize: 200, maxWaitMs: 5 };

@Injectable()
@QueueConsumer()
export class EventNotificationConsumer implements BatchMessageHandler<EventAcceptedMessage> {
  readonly queue = NOTIFICATION_EVENTS_QUEUE;
  readonly contract = EventAcceptedContract;
  readonly batch = EVENT_BATCH;

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

  /**
   * Stores the notifications of a batch of events in one transaction (one order lock, one
   * commit). A database that is away fails the batch as it would fail each event: every event
   * is reported retrying (or failed on its last attempt) and retried. Any other failure (one
   * event the database refuses, say) is thrown, and the host then handles each event on its
   * own with `handle`, so only the bad one fails.
   */
  async handleBatch(items: ReadonlyArray<BatchItem<EventAcceptedMessage>>): Promise<HandlerOutcome[]> {
    try {
      const lookups = new BatchLookups();
      const prepared: EventNotification[] = [];
      for (const { message, context } of items) prepared.push(await this.prepare(message, context.headers.attempt, lookups));
      await this.notifications.saveBatch(prepared);
      return items.map(() => Outcome.done());
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      const reason = (err as Error).message;
      await this.reports
        .recordFailures(items.map(({ message, context }) => this.failure(message, context.headers.attempt, reason)))
        .catch(() => undefined);
      return items.map(() => Outcome.retry(reason));
    }
  }

  /** Processes one event; a failure is reported (retrying, or failed on the last attempt) and rethrown for the retry. */
  async handle(event: EventAcceptedMessage, context: MessageContext): Promise<HandlerOutcome> {
    const attempt = context.headers.attempt;
    try {
      await this.notifications.saveBatch([await this.prepare(event, attempt, new BatchLookups())]);
      return Outcome.done();
    } catch (err) {
      await this.reports.recordFailures([this.failure(event, attempt, (err as Error).message)]).catch(() => undefined);
      throw err;
    }
  }

  private failure(event: EventAcceptedMessage, attempt: number, error: string): FailureReport {
    return { tenantId: event.tenant_id, eventId: event.event_id, attempt, final: attempt > this.config.consumerRetryDelaysMs.length, error };
  }

  /**
   * The event's notification, recipients and fan-out, ready to store. Lookups are shared by the
   * events of a batch that ask the same question (same tenant, type, recipients, …), so a batch
   * of like events costs a handful of queries, not a handful per event.
   */
  private async prepare(event: EventAcceptedMessage, attempt: number, lookups: BatchLookups): Promise<EventNotification> {
    // the tenant's rule rendered for this event (its templates read the payload): per event
    const route = await this.routing.routeFor(event);
    const payload = event.payload;
    const common = commonPayloadFields(payload);
    const subject = { type: event.type, severity: common.severity ?? 'medium', scope: route.scope };
    const customerId = event.customer_id ?? null;
    // everything recipient resolution reads: the event's recipients, else the route's roles
    const resolved = await lookups.once(['resolve', event.tenant_id, event.recipients ?? null, event.recipients ? null : route.roles], () =>
      this.recipients.resolve(event, route),
    );
    const stored = await lookups.once(['preferences', event.tenant_id, customerId, resolved], () => this.preferences.forRecipients(event.tenant_id, resolved, customerId));
    const wants = (channel: PreferenceChannel) => resolved.filter((user) => allows(stored.get(user) ?? DEFAULT_PREFERENCES, subject, channel));
    const userIds = wants('in_app');
    const [emailTo, smsTo] = [wants('email'), wants('sms')];
    const contactIds = [...new Set([...emailTo, ...smsTo])];
    const contacts = await lookups.once(['contacts', event.tenant_id, contactIds], () => this.directory.contacts(event.tenant_id, contactIds));
    // webhooks are the tenant's, not a user's: every enabled subscription that takes the type, preferences aside
    const subscriptions = await lookups.once(['subscriptions', event.tenant_id, event.type], () => this.subscriptions.matching(event.tenant_id, event.type));
    const title = common.title ?? route.title;
    const summary = common.summary ?? route.summary ?? description(payload) ?? '';
    return {
      tenantId: event.tenant_id,
      notification: {
        id: randomUUID(),
        eventId: event.event_id,
        type: event.type,
        severity: subject.severity,
        scope: route.scope,
        title,
        summary,
        content: payload,
        customerId,
        actions: route.actions,
      },
      recipients: userIds,
      fanOut: (item) => {
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
    };
  }
}

/** Answers of the lookups made for one batch, by question; a failed lookup is not kept. */
class BatchLookups {
  private readonly answers = new Map<string, Promise<unknown>>();

  once<T>(question: unknown[], lookup: () => Promise<T>): Promise<T> {
    const key = JSON.stringify(question);
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = lookup();
      this.answers.set(key, answer);
      answer.catch(() => this.answers.delete(key));
    }
    return answer;
  }
}

/** Some types describe themselves in `description` rather than the common `summary`. */
function description(payload: Record<string, unknown>): string | undefined {
  return typeof payload['description'] === 'string' ? payload['description'] : undefined;
}
