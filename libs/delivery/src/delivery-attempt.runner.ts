// One attempt of a claimed delivery, end to end: resolve the destination, send through the
// channel registry, decide by SPEC §8's rules, and record the attempt with the delivery's
// new state in one transaction — with the dead-letter message in the context's outbox when
// the delivery failed, the endpoint disabled when it answered 410, and its health counted
// (the failing alert after 4 failures in a row).
import { Inject, Injectable } from '@nestjs/common';
import { DeliveryJobMessage, Exchanges } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { OutboxTable, TransactionalOutbox } from '@herald/platform/outbox';
import { DeliveryAttempt } from './channel-sender';
import { ChannelRegistry } from './channel.registry';
import { ClaimedDelivery, DeliveryRepository } from './delivery.repository';
import { DeliveryTargetResolver } from './delivery-target.resolver';
import { countsForHealth, FAILING_ALERT_AFTER, failingEndpointAlert } from './endpoint-health';
import { AttemptDecision, decideAfterAttempt, RetryPolicy } from './retry-schedule';

export const DELIVERY_OUTBOX_TABLE = 'delivery_outbox';

@Injectable()
export class DeliveryAttemptRunner {
  private readonly policy: RetryPolicy;
  private readonly outboxTable: OutboxTable;

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly targets: DeliveryTargetResolver,
    private readonly deliveries: DeliveryRepository,
    private readonly outbox: TransactionalOutbox,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
  ) {
    this.policy = { scheduleSeconds: config.deliveryRetryScheduleSeconds, floorSeconds: config.deliveryRetryFloorSeconds };
    this.outboxTable = outbox.table(DELIVERY_OUTBOX_TABLE);
  }

  /** The lease of a claim: the attempt's timeout plus room to record it. */
  get leaseMs(): number {
    return this.config.deliveryAttemptTimeoutMs + 30_000;
  }

  async run(claim: ClaimedDelivery): Promise<void> {
    const { job } = claim;
    const target = await this.targets.resolve(claim.tenantId, job);
    const attempt: DeliveryAttempt =
      'unavailable' in target
        ? { channel: job.channel, outcome: 'fail', errorClass: 'destination_unavailable', responseBody: target.unavailable, latencyMs: 0 }
        : await this.registry.dispatch(
            { deliveryId: job.delivery_id, tenantId: claim.tenantId, eventId: job.event_id, channel: job.channel, attempt: claim.attempt, destination: target.address, payload: { ...job.event } },
            target.credentials,
            this.config.deliveryAttemptTimeoutMs,
          );
    const decision = decideAfterAttempt(claim.attempt, attempt, this.policy);
    await this.outbox.run(this.outboxTable, async (tx, enqueue) => {
      if (!(await this.deliveries.recordAttempt(tx, claim, attempt, decision))) return;
      if (job.destination.kind === 'webhook_subscription' && countsForHealth(attempt)) {
        const subscriptionId = job.destination.subscription_id;
        if (attempt.disableDestination) await this.deliveries.disableWebhookEndpoint(tx, claim.tenantId, subscriptionId, `answered ${attempt.status ?? 410}`);
        const inARow = await this.deliveries.countWebhookEndpointAttempt(tx, claim.tenantId, subscriptionId, attempt.outcome !== 'success');
        if (inARow === FAILING_ALERT_AFTER) {
          enqueue(failingEndpointAlert({ tenantId: claim.tenantId, subscriptionId, deliveryId: claim.id, consecutiveFailures: inARow, attempt, requestId: claim.requestId, traceparent: claim.traceparent }));
        }
      }
      if (decision.kind === 'failed') enqueue(deadLetter(claim, decision));
    });
  }
}

/** The failed job as it was received, on herald.dead-letter (routing key `delivery.<channel>`), for operators and replay. */
function deadLetter(claim: ClaimedDelivery, decision: Extract<AttemptDecision, { kind: 'failed' }>) {
  const job: DeliveryJobMessage = claim.job;
  return {
    exchange: Exchanges.deadLetter,
    routingKey: `delivery.${job.channel}`,
    body: job,
    messageType: 'delivery.job',
    messageId: job.delivery_id,
    headers: {
      event_id: job.event_id,
      tenant_id: claim.tenantId,
      request_id: claim.requestId,
      attempt: claim.attempt,
      traceparent: claim.traceparent,
      delivery_id: job.delivery_id,
      'x-failure-reason': decision.reason,
    },
  };
}
