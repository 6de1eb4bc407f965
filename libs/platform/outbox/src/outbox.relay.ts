// Publishes every registered outbox source with publisher confirms. Rows are leased: a row
// committed by this replica is leased to it at insert and published at once (publishNow);
// rows whose lease ran out (a failed publish released them, or their replica died) are
// claimed by a sweep, in batches, back to back while batches come back full. A lease
// outlives the publish timeout, so no two replicas publish one row in normal operation.
// While the broker is away nothing is handed to the channel (its buffer would only grow
// in memory): rows are released and wait in Postgres, and the sweep resumes on reconnect.
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { AmqpConnection, MessagePublisher } from '@herald/platform/messaging';
import { HERALD_LOGGER, HeraldLogger, Metrics, ShutdownDrain } from '@herald/platform/observability';
import { OutboxEntry, OutboxSource } from './outbox-source';

/** Rows claimed per sweep batch; a full batch means more are waiting, so the sweep goes on at once. */
const SWEEP_BATCH = 1000;
/** Claim → publish → delete loops per source running side by side (SKIP LOCKED keeps them disjoint), so the database and the broker work at the same time. */
const SWEEP_WORKERS = 3;
/** Unconfirmed immediate publishes beyond this are left to the sweep instead of queueing in memory. */
const MAX_IN_FLIGHT = 10_000;
const DELETE_BATCH = 1000;
const DELETE_DELAY_MS = 20;

interface SourceState {
  source: OutboxSource;
  confirmed: string[];
  deleteTimer?: NodeJS.Timeout;
}

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly sources = new Map<string, SourceState>();
  private readonly pending = new Set<Promise<unknown>>();
  private inFlight = 0;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;
  private stopped = false;

  constructor(
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(AmqpConnection) private readonly connection: AmqpConnection,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: Metrics,
    drain: ShutdownDrain,
  ) {
    drain.register('outbox-relay', 20, () => this.stop());
  }

  get leaseMs(): number {
    return this.config.outbox.leaseMs;
  }

  register(source: OutboxSource): void {
    if (this.sources.has(source.name)) throw new Error(`outbox source ${source.name} is registered twice`);
    this.sources.set(source.name, { source, confirmed: [] });
  }

  onApplicationBootstrap(): void {
    this.scheduleSweep();
  }

  /** Immediate path: publishes rows this replica just committed (leased to it at insert). */
  publishNow(source: OutboxSource, entries: OutboxEntry[]): void {
    if (entries.length === 0) return;
    const state = this.stateOf(source);
    if (this.stopped || !this.connection.isConnected() || this.inFlight + entries.length > MAX_IN_FLIGHT) {
      this.track(this.release(state, entries.map((e) => e.id)));
      return;
    }
    this.track(
      this.publishEntries(state, entries).then((confirmed) => {
        state.confirmed.push(...confirmed);
        this.metrics.outboxRelayed.inc({ path: 'immediate' }, confirmed.length);
        this.scheduleDelete(state);
      }),
    );
  }

  /**
   * Claims and publishes expired-lease rows of every source until a batch comes back short;
   * returns how many were published. One sweep runs at a time per replica.
   */
  sweepOnce(): Promise<number> {
    this.sweeping ??= this.sweepAll().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepAll(): Promise<number> {
    let total = 0;
    for (const state of this.sources.values()) {
      try {
        total += await this.sweepSource(state);
      } catch (err) {
        this.logger.warn({ source: state.source.name, err: (err as Error).message }, 'outbox sweep failed; will try again');
      }
    }
    if (total > 0) this.logger.info({ rows: total }, 'outbox sweep published rows');
    return total;
  }

  private async sweepSource(state: SourceState): Promise<number> {
    const counts = await Promise.all(Array.from({ length: SWEEP_WORKERS }, () => this.sweepWorker(state)));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async sweepWorker(state: SourceState): Promise<number> {
    let published = 0;
    while (!this.stopped && this.connection.isConnected()) {
      const entries = await state.source.claim(this.leaseMs, SWEEP_BATCH);
      if (entries.length === 0) break;
      const confirmed = await this.publishEntries(state, entries);
      await state.source.remove(confirmed);
      published += confirmed.length;
      this.metrics.outboxRelayed.inc({ path: 'sweep' }, confirmed.length);
      if (entries.length < SWEEP_BATCH || confirmed.length < entries.length) break;
    }
    return published;
  }

  /** Publishes concurrently; releases what the broker did not confirm; returns the confirmed ids. */
  private async publishEntries(state: SourceState, entries: OutboxEntry[]): Promise<string[]> {
    this.inFlight += entries.length;
    const results = await Promise.allSettled(entries.map((e) => this.publisher.publish(e.message)));
    this.inFlight -= entries.length;
    const failed = entries.filter((_, i) => results[i].status === 'rejected').map((e) => e.id);
    if (failed.length > 0) {
      this.logger.warn({ source: state.source.name, failed: failed.length }, 'outbox publish not confirmed; released for the sweep');
      await this.release(state, failed);
    }
    return entries.filter((_, i) => results[i].status === 'fulfilled').map((e) => e.id);
  }

  private async release(state: SourceState, ids: string[]): Promise<void> {
    try {
      await state.source.release(ids);
    } catch (err) {
      // The lease then simply runs out and the sweep takes the rows later.
      this.logger.warn({ source: state.source.name, err: (err as Error).message, rows: ids.length }, 'could not release outbox rows');
    }
  }

  private scheduleDelete(state: SourceState): void {
    if (state.confirmed.length >= DELETE_BATCH) return void this.track(this.flushDeletes(state));
    state.deleteTimer ??= setTimeout(() => void this.track(this.flushDeletes(state)), DELETE_DELAY_MS);
  }

  private async flushDeletes(state: SourceState): Promise<void> {
    clearTimeout(state.deleteTimer);
    state.deleteTimer = undefined;
    const ids = state.confirmed.splice(0);
    try {
      await state.source.remove(ids);
    } catch (err) {
      // The rows stay and are published again after their lease: a duplicate, never a loss.
      this.logger.warn({ source: state.source.name, err: (err as Error).message, rows: ids.length }, 'could not delete published outbox rows');
    }
  }

  private stateOf(source: OutboxSource): SourceState {
    const state = this.sources.get(source.name);
    if (!state) throw new Error(`outbox source ${source.name} is not registered`);
    return state;
  }

  private scheduleSweep(): void {
    if (this.stopped) return;
    this.sweepTimer = setTimeout(() => {
      void this.track(this.sweepOnce()).finally(() => this.scheduleSweep());
    }, this.config.outbox.sweepIntervalMs);
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
    for (const state of this.sources.values()) if (state.confirmed.length > 0) await this.flushDeletes(state);
  }
}
