// One attempt of a claimed delivery, end to end: resolve the destination (a disabled one
// pauses the delivery without spending an attempt), ask its circuit
// (an open one postpones the delivery without spending an attempt), send through the
// channel registry, decide by SPEC §8's rules, and record in one transaction the attempt,
// the delivery's new state, the circuit and endpoint health, the endpoint disabled on a 410,
// and — through the context's outbox — a dead-letter when the delivery failed and the
// failing alert after 4 failures in a row. A subscription test (`job.test`) makes one attempt
// whatever the circuit says, is neither retried nor dead-lettered, does not count for the
// endpoint's health, and fails (rather than waits) when its endpoint is disabled. The schedule
// counts the attempts since the delivery was last recovered (`attemptBase`).
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeliveryJobMessage, Exchanges } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { OutgoingMessage } from '@herald/platform/messaging';
import { Metrics } from '@herald/platform/observability';
import { Enqueue, OutboxTable, TransactionalOutbox } from '@herald/platform/outbox';
import { DeliveryAttempt } from './channel-sender';
import { ChannelRegistry } from './channel.registry';
import { CircuitGate, CircuitRepository } from './circuit.repository';
import { ClaimedDelivery, DeliveryRepository } from './delivery.repository';
import { DeliveryTargetResolver } from './delivery-target.resolver';
import {
  countsForHealth,
  DISABLE_AFTER_MS,
  endpointAlert,
  FAILING_ALERT_AFTER,
  FailingEndpoint,
  WEBHOOK_ATTEMPT_FAILING,
  WEBHOOK_ENDPOINT_DISABLED,
} from './endpoint-health';
import { AttemptDecision, decideAfterAttempt, RetryPolicy } from './retry-schedule';

export const DELIVERY_OUTBOX_TABLE = 'delivery_outbox';

@Injectable()
export class DeliveryAttemptRunner {
  private readonly policy: RetryPolicy;
  /** One attempt, no retry: a subscription test. */
  private readonly testPolicy: RetryPolicy;
  private readonly outboxTable: OutboxTable;

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly targets: DeliveryTargetResolver,
    private readonly deliveries: DeliveryRepository,
    private readonly circuits: CircuitRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly metrics: Metrics,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
  ) {
    this.policy = { scheduleSeconds: config.deliveryRetryScheduleSeconds, floorSeconds: config.deliveryRetryFloorSeconds };
    this.testPolicy = { scheduleSeconds: [], floorSeconds: config.deliveryRetryFloorSeconds };
    this.outboxTable = outbox.table(DELIVERY_OUTBOX_TABLE);
  }

  /** The lease of a claim: the attempt's timeout plus as long again (at least 10 s) to record it. */
  get leaseMs(): number {
    const timeout = this.config.deliveryAttemptTimeoutMs;
    return timeout + Math.max(timeout, 10_000);
  }

  async run(claim: ClaimedDelivery): Promise<void> {
    const { job } = claim;
    const target = await this.targets.resolve(claim.tenantId, job);
    if ('paused' in target && job.test) {
      return this.record(claim, { channel: job.channel, outcome: 'fail', errorClass: 'destination_paused', responseBody: target.paused, latencyMs: 0 });
    }
    if ('paused' in target) return this.deliveries.pause(claim, target.paused);
    if ('unavailable' in target) {
      return this.record(claim, { channel: job.channel, outcome: 'fail', errorClass: 'destination_unavailable', responseBody: target.unavailable, latencyMs: 0 });
    }
    // a test is not held by the circuit, and its outcome is not counted by it (no gate)
    const gate = job.test ? undefined : await this.circuits.gate(claim.destinationKey, this.leaseMs);
    if (gate?.kind === 'wait') return this.deliveries.postpone(claim, gate.until);
    const attempt = await this.registry.dispatch(
      { deliveryId: job.delivery_id, tenantId: claim.tenantId, eventId: job.event_id, channel: job.channel, attempt: claim.attempt, destination: target.address, payload: { ...job.event } },
      target.credentials,
      this.config.deliveryAttemptTimeoutMs,
    );
    await this.record(claim, attempt, gate);
  }

  /** `gate` is absent when nothing was sent (the destination was unavailable) or for a test: then the endpoint's health is not counted. */
  private async record(claim: ClaimedDelivery, attempt: DeliveryAttempt, gate?: CircuitGate): Promise<void> {
    const test = claim.job.test === true;
    const decision = decideAfterAttempt(claim.attempt - claim.attemptBase, attempt, test ? this.testPolicy : this.policy);
    const recorded = await this.outbox.run(this.outboxTable, async (tx, enqueue) => {
      if (!(await this.deliveries.recordAttempt(tx, claim, attempt, decision))) return false;
      if (gate && countsForHealth(attempt)) {
        const failed = attempt.outcome !== 'success';
        await this.circuits.record(tx, claim.tenantId, claim.destinationKey, failed, gate.kind === 'probe', this.config.deliveryBreakerCooldownSeconds);
        await this.countEndpointHealth(tx, enqueue, claim, attempt);
      }
      if (decision.kind === 'failed' && !test) enqueue(deadLetter(claim, decision));
      return true;
    });
    if (recorded) this.observe(attempt, decision);
  }

  private observe(attempt: DeliveryAttempt, decision: AttemptDecision): void {
    this.metrics.deliveryAttemptSeconds.observe({ channel: attempt.channel, outcome: attempt.outcome, error_class: attempt.errorClass ?? '' }, attempt.latencyMs / 1000);
    if (decision.kind !== 'retry') this.metrics.deliveriesSettled.inc({ channel: attempt.channel, status: decision.kind });
  }

  private async countEndpointHealth(tx: EntityManager, enqueue: Enqueue, claim: ClaimedDelivery, attempt: DeliveryAttempt): Promise<void> {
    const destination = claim.job.destination;
    if (destination.kind !== 'webhook_subscription') return;
    const subscriptionId = destination.subscription_id;
    const streak = await this.deliveries.countWebhookEndpointAttempt(tx, claim.tenantId, subscriptionId, attempt.outcome !== 'success');
    const failing: FailingEndpoint = { tenantId: claim.tenantId, subscriptionId, deliveryId: claim.id, consecutiveFailures: streak.inARow, attempt, requestId: claim.requestId, traceparent: claim.traceparent };
    if (streak.inARow === FAILING_ALERT_AFTER) enqueue(endpointAlert(WEBHOOK_ATTEMPT_FAILING, failing));
    const disableFor = attempt.disableDestination ? `answered ${attempt.status ?? 410}` : streak.failingForMs >= DISABLE_AFTER_MS ? 'failing for 5 days' : undefined;
    if (disableFor && (await this.deliveries.disableWebhookEndpoint(tx, claim.tenantId, subscriptionId, disableFor))) {
      enqueue(endpointAlert(WEBHOOK_ENDPOINT_DISABLED, failing));
    }
  }
}

/** The failed job as it was received, on herald.dead-letter (routing key `delivery.<channel>`), for operators and replay. */
function deadLetter(claim: ClaimedDelivery, decision: Extract<AttemptDecision, { kind: 'failed' }>): OutgoingMessage {
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
