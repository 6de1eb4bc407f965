// Runs due deliveries: claims them from Postgres (SKIP LOCKED, so replicas take disjoint
// rows) whenever a slot is free — at once when a job arrives (`poke`), and every
// DELIVERY_POLL_INTERVAL_MS for retries that came due. At most DELIVERY_CONCURRENCY
// attempts run at once in this worker, and at most DELIVERY_DESTINATION_CONCURRENCY to
// one destination, so a slow destination holds only its own slots. Every RESUME_EVERY polls
// it also resumes deliveries paused for a disabled endpoint that is enabled again. On shutdown it stops
// claiming and waits for the attempts in flight; a worker that dies leaves its claims to
// run out their lease and be attempted again (same delivery id, so same webhook-id).
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger, RequestContext, ShutdownDrain } from '@herald/platform/observability';
import { ChannelRegistry } from './channel.registry';
import { DeliveryAttemptRunner } from './delivery-attempt.runner';
import { ClaimedDelivery, DeliveryRepository } from './delivery.repository';

/** Polls between two looks for paused deliveries to resume (10 s with the default interval). */
export const RESUME_EVERY = 10;

@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly perDestination = new Map<string, number>();
  private inFlight = 0;
  private timer?: NodeJS.Timeout;
  private pumping = false;
  private pumpAgain = false;
  private stopping = false;
  private polls = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly runner: DeliveryAttemptRunner,
    private readonly registry: ChannelRegistry,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    drain: ShutdownDrain,
  ) {
    // after the consumers (5): no new job pokes us, then the attempts in flight finish
    drain.register('deliveries', 6, () => this.stopAndWait());
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poll(), this.config.deliveryPollIntervalMs);
    this.timer.unref();
    this.poke();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopAndWait();
  }

  private poll(): void {
    if (++this.polls % RESUME_EVERY === 0) {
      void this.deliveries
        .resumeEnabled()
        .catch((err: Error) => this.logger.warn({ err: err.message }, 'could not resume paused deliveries; the next round retries'));
    }
    this.poke();
  }

  /** Claims what is due now, up to the free slots; overlapping calls coalesce into one more round. */
  poke(): void {
    if (this.stopping) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.pump()
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'could not claim due deliveries; next poll retries'))
      .finally(() => {
        this.pumping = false;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.poke();
        }
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      const free = this.config.deliveryConcurrency - this.inFlight;
      if (free <= 0 || this.stopping) return;
      const full = [...this.perDestination].filter(([, n]) => n >= this.config.deliveryDestinationConcurrency).map(([key]) => key);
      // only channels this worker sends: a job of another stays stored for a worker that has its service
      const claims = await this.deliveries.claimDue(free, this.runner.leaseMs, full, this.registry.channels());
      const excess: ClaimedDelivery[] = [];
      for (const claim of claims) {
        if ((this.perDestination.get(claim.destinationKey) ?? 0) >= this.config.deliveryDestinationConcurrency) excess.push(claim);
        else this.start(claim);
      }
      await this.deliveries.release(excess);
      if (claims.length < free || excess.length > 0) return;
    }
  }

  private start(claim: ClaimedDelivery): void {
    this.inFlight++;
    this.perDestination.set(claim.destinationKey, (this.perDestination.get(claim.destinationKey) ?? 0) + 1);
    void RequestContext.run({ requestId: claim.requestId, traceparent: claim.traceparent }, () => this.runner.run(claim))
      .catch((err: Error) => this.logger.error({ delivery_id: claim.id, err }, 'delivery attempt could not be recorded; it runs again after its lease'))
      .finally(() => {
        this.inFlight--;
        const left = (this.perDestination.get(claim.destinationKey) ?? 1) - 1;
        if (left === 0) this.perDestination.delete(claim.destinationKey);
        else this.perDestination.set(claim.destinationKey, left);
        if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
        this.poke();
      });
  }

  private async stopAndWait(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}
