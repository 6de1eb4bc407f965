// What a tenant asks of a subscription beyond its settings (SPEC §8, §9): `test` sends a signed
// sample event through the delivery worker and returns its one attempt, `recover` asks the
// worker to re-send what the subscription missed in a window. Management owns neither
// deliveries nor attempts: it commits a job or a command with its audit entry through
// management_outbox, and reads the worker's records (read-only) for the test's answer.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  DeliveryJobMessage,
  Exchanges,
  MalformedRequestError,
  NotFoundError,
  Principal,
  TenantId,
  tenantIdOf,
  WEBHOOK_RECOVER_ROUTING_KEY,
  WebhookRecoverMessage,
} from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { OutgoingMessage } from '@herald/platform/messaging';
import { RequestContext } from '@herald/platform/observability';
import { OutboxTable, TransactionalOutbox } from '@herald/platform/outbox';
import { auditEntry, AuditEntry } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit.repository';
import { DeliveryReader } from '../deliveries/delivery.reader';
import { MANAGEMENT_OUTBOX } from '../management-outbox';
import { PlanGate } from '../tenants/plan-gate';
import { RecoverWebhookDto, WebhookRecoverAccepted, WebhookTestResult } from './webhook-subscription.dto';
import { WebhookSubscriptionRepository, WebhookSubscriptionRow } from './webhook-subscription.repository';
import { subscriptionIdFrom, WEBHOOK_SUBSCRIPTION_ENTITY } from './webhook-subscription.rules';

/** The sample event's type (not a catalog type: receivers can tell a test from real traffic). */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';
/** The longest window one recover may cover. */
export const RECOVER_MAX_WINDOW_DAYS = 14;
/** How far in the future `until` may lie (clock skew between the caller and us). */
export const RECOVER_CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const TEST_POLL_MS = 200;

@Injectable()
export class WebhookOperationsService {
  private readonly testTimeoutMs: number;

  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly plans: PlanGate,
    private readonly deliveryReader: DeliveryReader,
    private readonly outbox: TransactionalOutbox,
    @Inject(MANAGEMENT_OUTBOX) private readonly outboxTable: OutboxTable,
    @Inject(HERALD_CONFIG) config: HeraldConfig,
  ) {
    this.testTimeoutMs = config.webhookTestTimeoutMs;
  }

  /**
   * Sends a signed `webhook.test` event to the subscription through the worker (one attempt,
   * no retry) and waits up to WEBHOOK_TEST_TIMEOUT_MS for that attempt. A disabled
   * subscription sends nothing, so testing it is a conflict (409): enable it first.
   */
  async test(caller: Principal, id: string): Promise<WebhookTestResult> {
    const tenantId = tenantIdOf(caller);
    const subscription = await this.subscriptionOf(tenantId, id);
    if (!subscription.enabled) throw new ConflictError('The subscription is disabled: enable it before testing it', { subscription_id: subscription.id });
    // a fresh event id that is no event's: the test shows in no event's status
    const job: DeliveryJobMessage = {
      contract_version: 1,
      delivery_id: randomUUID(),
      tenant_id: tenantId,
      event_id: randomUUID(),
      channel: 'webhook',
      destination: { kind: 'webhook_subscription', subscription_id: subscription.id },
      event: {
        type: WEBHOOK_TEST_EVENT_TYPE,
        timestamp: new Date().toISOString(),
        data: { subscription_id: subscription.id, message: 'A test event sent from the Herald management API' },
      },
      test: true,
    };
    const audit = auditEntry(caller, tenantId, {
      action: 'webhook_subscription.tested',
      entityType: WEBHOOK_SUBSCRIPTION_ENTITY,
      entityId: subscription.id,
      payload: { id: subscription.id, delivery_id: job.delivery_id },
    });
    await this.commit(audit, {
      exchange: Exchanges.deliveries,
      routingKey: job.channel,
      body: job,
      messageType: 'delivery.job',
      messageId: job.delivery_id,
      headers: { ...traceHeaders(tenantId, job.event_id), delivery_id: job.delivery_id },
    });
    return this.awaitAttempt(tenantId, job);
  }

  /** Commits a recover command for the delivery worker (202); it re-queues the window's failed and paused deliveries. */
  async recover(caller: Principal, id: string, body: RecoverWebhookDto): Promise<WebhookRecoverAccepted> {
    const tenantId = tenantIdOf(caller);
    const { since, until } = recoverWindow(body, new Date());
    const subscription = await this.subscriptionOf(tenantId, id);
    const command: WebhookRecoverMessage = {
      contract_version: 1,
      recover_request_id: randomUUID(),
      tenant_id: tenantId,
      subscription_id: subscription.id,
      since: since.toISOString(),
      until: until.toISOString(),
      requested_at: new Date().toISOString(),
    };
    const accepted = { recover_request_id: command.recover_request_id, subscription_id: subscription.id, since: command.since, until: command.until };
    const audit = auditEntry(caller, tenantId, { action: 'webhook_subscription.recover_requested', entityType: WEBHOOK_SUBSCRIPTION_ENTITY, entityId: subscription.id, payload: accepted });
    await this.commit(audit, {
      exchange: Exchanges.reports,
      routingKey: WEBHOOK_RECOVER_ROUTING_KEY,
      body: command,
      messageType: WEBHOOK_RECOVER_ROUTING_KEY,
      messageId: command.recover_request_id,
      headers: traceHeaders(tenantId, command.recover_request_id),
    });
    return accepted;
  }

  /** The tenant's subscription (404 otherwise), on a plan with webhooks (403 otherwise). */
  private async subscriptionOf(tenantId: TenantId, id: string): Promise<WebhookSubscriptionRow> {
    const subscriptionId = subscriptionIdFrom(id);
    await this.plans.assert(tenantId, 'webhooks');
    const subscription = await this.subscriptions.find(tenantId, subscriptionId);
    if (!subscription) throw new NotFoundError(WEBHOOK_SUBSCRIPTION_ENTITY, id);
    return subscription;
  }

  /** The audit entry and the message commit together; the relay publishes after the commit. */
  private async commit(audit: AuditEntry, message: OutgoingMessage): Promise<void> {
    await this.outbox.run(this.outboxTable, async (tx, enqueue) => {
      await recordAudit(tx, audit);
      enqueue(message);
    });
  }

  private async awaitAttempt(tenantId: TenantId, job: DeliveryJobMessage): Promise<WebhookTestResult> {
    const answer: WebhookTestResult = { delivery_id: job.delivery_id, webhook_id: job.delivery_id, event_type: job.event.type, status: 'pending', attempt: null };
    const deadline = Date.now() + this.testTimeoutMs;
    for (;;) {
      const [delivery] = await this.deliveryReader.forEvent(tenantId, job.event_id);
      const [attempt] = delivery?.attempts ?? [];
      if (attempt) {
        const { attempt: _number, ...shown } = attempt;
        return { ...answer, status: attempt.outcome === 'success' ? 'succeeded' : 'failed', attempt: shown };
      }
      if (Date.now() + TEST_POLL_MS > deadline) return answer;
      await new Promise((resolve) => setTimeout(resolve, TEST_POLL_MS));
    }
  }
}

/** The window of a recover: since < until ≤ now (+ skew), at most RECOVER_MAX_WINDOW_DAYS; 400 naming the field otherwise. */
export function recoverWindow(body: RecoverWebhookDto, now: Date): { since: Date; until: Date } {
  const since = new Date(body.since);
  const until = new Date(body.until);
  if (since >= until) throw new MalformedRequestError('The recover window is empty', [{ path: 'since', message: 'must be before until' }]);
  if (until.getTime() > now.getTime() + RECOVER_CLOCK_SKEW_MS) throw new MalformedRequestError('The recover window lies in the future', [{ path: 'until', message: 'must not be in the future' }]);
  if (until.getTime() - since.getTime() > RECOVER_MAX_WINDOW_DAYS * DAY_MS) {
    throw new MalformedRequestError('The recover window is too long', [{ path: 'since', message: `must be at most ${RECOVER_MAX_WINDOW_DAYS} days before until` }]);
  }
  return { since, until };
}

function traceHeaders(tenantId: TenantId, eventId: string): OutgoingMessage['headers'] {
  const context = RequestContext.current();
  return { event_id: eventId, tenant_id: tenantId, request_id: context?.requestId ?? randomUUID(), attempt: 1, traceparent: context?.traceparent ?? '' };
}
