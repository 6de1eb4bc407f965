// Publishes the outbox to herald.events with publisher confirms. Fresh rows are published
// at once (pipelined, not awaited one by one) and deleted in batches after their confirms;
// a periodic sweep republishes rows left behind by a failed publish or a crashed replica.
// Delivery is at least once: a row is deleted only after the broker confirmed it.
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Exchanges } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { MessagePublisher } from '@herald/platform/messaging';
import { HERALD_LOGGER, HeraldLogger, Metrics, ShutdownDrain } from '@herald/platform/observability';
import { toOutboundMessage } from './accepted-event';
import { AcceptedEventRow, OutboxRepository } from './outbox.repository';

const SWEEP_BATCH = 500;
const DELETE_BATCH = 1000;

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly inFlight = new Set<string>();
  private confirmed: string[] = [];
  private deleteTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private pending = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly repository: OutboxRepository,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: Metrics,
    drain: ShutdownDrain,
  ) {
    drain.register('outbox-relay', 20, () => this.stop());
  }

  onApplicationBootstrap(): void {
    this.scheduleSweep();
  }

  /** Immediate path: publish rows just committed by the writer. */
  publishNow(rows: AcceptedEventRow[]): void {
    rows.forEach((r) => this.inFlight.add(r.outboxId));
    this.track(
      this.publishAll(rows).then((published) => {
        rows.forEach((r) => this.inFlight.delete(r.outboxId));
        this.confirmed.push(...published);
        this.metrics.outboxRelayed.inc({ path: 'immediate' }, published.length);
        this.scheduleDelete();
      }),
    );
  }

  /** Publishes every row concurrently; returns the outbox ids the broker confirmed. */
  private async publishAll(rows: AcceptedEventRow[]): Promise<string[]> {
    const results = await Promise.allSettled(
      rows.map((row) => {
        const message = toOutboundMessage(row.event, row.outboxId);
        return this.publisher.publish({
          exchange: Exchanges.events,
          routingKey: message.routingKey,
          body: message.body,
          headers: message.headers,
          messageType: 'event.accepted.v1',
          messageId: row.event.id,
        });
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) this.logger.warn({ failed }, 'outbox publish not confirmed; the sweep will retry');
    return rows.filter((_, i) => results[i].status === 'fulfilled').map((r) => r.outboxId);
  }

  private scheduleDelete(): void {
    if (this.confirmed.length >= DELETE_BATCH) return void this.track(this.flushDeletes());
    this.deleteTimer ??= setTimeout(() => void this.track(this.flushDeletes()), 20);
  }

  private async flushDeletes(): Promise<void> {
    clearTimeout(this.deleteTimer);
    this.deleteTimer = undefined;
    const ids = this.confirmed.splice(0);
    try {
      await this.repository.deleteOutboxRows(ids);
    } catch (err) {
      // The rows stay and are republished by the sweep: a duplicate, never a loss.
      this.logger.warn({ err: (err as Error).message, rows: ids.length }, 'could not delete published outbox rows');
    }
  }

  private scheduleSweep(): void {
    if (this.stopped) return;
    this.sweepTimer = setTimeout(() => {
      void this.track(this.sweepOnce()).finally(() => this.scheduleSweep());
    }, this.config.outbox.sweepIntervalMs);
  }

  /** Republishes rows older than OUTBOX_SWEEP_AGE_MS; returns how many were published. */
  async sweepOnce(minAgeMs = this.config.outbox.sweepAgeMs): Promise<number> {
    try {
      const count = await this.repository.sweep(minAgeMs, SWEEP_BATCH, [...this.inFlight], (rows) => this.publishAll(rows));
      if (count > 0) {
        this.metrics.outboxRelayed.inc({ path: 'sweep' }, count);
        this.logger.info({ rows: count }, 'outbox sweep republished rows');
      }
      return count;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'outbox sweep failed; will try again');
      return 0;
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
    return promise;
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sweepTimer);
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    if (this.confirmed.length > 0) await this.flushDeletes();
  }
}
