// Group commit for accepted events: concurrent requests append their events, and one
// statement stores many events with their outbox rows. A caller's promise resolves only
// after its rows are committed (that is what "accepted" means), then the rows go to the
// relay for immediate publication. Under database trouble it fails fast instead of piling
// up: a bounded queue (full → 503), a deadline per append (→ 503), 503 for an outage, and
// a row-by-row retry only when the database refused the data of some row in the group.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ServiceUnavailableError, UnprocessableError } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger, Metrics, ShutdownDrain } from '@herald/platform/observability';
import { OutboxRelay } from '@herald/platform/outbox';
import { isDatabaseUnavailable, isDataError } from '@herald/platform/persistence';
import { AcceptedEvent } from './accepted-event';
import { OutboxRepository } from './outbox.repository';

export interface AppendResult {
  /** The stored event's id: the appended one, or for a duplicate the one stored earlier under the same key. */
  eventId: string;
  duplicate: boolean;
}

interface Pending {
  event: AcceptedEvent;
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
  deadline: NodeJS.Timeout;
  settled: boolean;
}

const MAX_CONCURRENT_FLUSHES = 4;
const RETRY_AFTER_SECONDS = 2;

@Injectable()
export class OutboxWriter implements OnModuleInit {
  private queue: Pending[] = [];
  private flushing = 0;
  private scheduled = false;
  private idle: Array<() => void> = [];
  /** Appends whose callers are still waiting for an answer (the herald_outbox_waiting gauge). */
  private waiting = 0;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly relay: OutboxRelay,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: Metrics,
    drain: ShutdownDrain,
  ) {
    drain.register('outbox-writer', 10, () => this.whenIdle());
  }

  onModuleInit(): void {
    this.relay.register(this.repository);
  }

  /** Resolves once the event and its outbox row are committed; 503 when that cannot happen in time. */
  append(event: AcceptedEvent): Promise<AppendResult> {
    if (this.queue.length >= this.config.outbox.queueMax) {
      this.metrics.outboxRejected.inc({ reason: 'queue_full' });
      return Promise.reject(new ServiceUnavailableError('Too many events are waiting to be stored; retry shortly', RETRY_AFTER_SECONDS));
    }
    return new Promise<AppendResult>((resolve, reject) => {
      const pending: Pending = { event, resolve, reject, settled: false, deadline: undefined as unknown as NodeJS.Timeout };
      pending.deadline = setTimeout(() => this.expire(pending), this.config.outbox.writeTimeoutMs);
      this.metrics.outboxWaiting.set(++this.waiting);
      this.queue.push(pending);
      this.schedule();
    });
  }

  /**
   * The append missed its deadline. Still queued: it is dropped and never stored. Already in
   * a flush: its commit may still land (and be published); the client retries with its
   * Idempotency-Key.
   */
  private expire(pending: Pending): void {
    const index = this.queue.indexOf(pending);
    if (index !== -1) this.queue.splice(index, 1);
    this.metrics.outboxRejected.inc({ reason: 'deadline' });
    this.settle(pending, () => pending.reject(new ServiceUnavailableError('The event could not be stored in time; retry shortly', RETRY_AFTER_SECONDS)));
  }

  private schedule(): void {
    if (this.scheduled || this.flushing >= MAX_CONCURRENT_FLUSHES) return;
    this.scheduled = true;
    const delay = this.queue.length >= this.config.outbox.batchMax ? 0 : this.config.outbox.flushDelayMs;
    setTimeout(() => {
      this.scheduled = false;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.config.outbox.batchMax);
    if (batch.length === 0) return this.notifyIdle();
    this.flushing++;
    if (this.queue.length > 0) this.schedule();
    try {
      await this.commit(batch);
    } finally {
      this.flushing--;
      if (this.queue.length > 0) this.schedule();
      else this.notifyIdle();
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const { entries, duplicates } = await this.repository.insertEventsWithOutbox(
        batch.map((p) => p.event),
        this.relay.leaseMs,
      );
      this.metrics.outboxFlushRows.observe(batch.length);
      for (const p of batch) {
        const id = p.event.id;
        if (entries.has(id)) this.settle(p, () => p.resolve({ eventId: id, duplicate: false }));
        else if (duplicates.has(id)) this.settle(p, () => p.resolve({ eventId: duplicates.get(id) as string, duplicate: true }));
        else this.settle(p, () => p.reject(new Error(`event ${id} was neither stored nor found under its unique key`)));
      }
      this.relay.publishNow(this.repository, [...entries.values()]);
    } catch (err) {
      await this.fail(batch, err);
    }
  }

  private async fail(batch: Pending[], err: unknown): Promise<void> {
    if (isDataError(err) && batch.length > 1) {
      // One row the database refuses must not fail its neighbours: commit them one by one.
      for (const pending of batch) await this.commit([pending]);
      return;
    }
    let reason: unknown;
    if (isDataError(err)) {
      reason = new UnprocessableError('The event contains a value that cannot be stored', [
        { path: 'payload', message: 'contains a value the database refuses (for example a \\u0000 character)' },
      ]);
    } else if (isDatabaseUnavailable(err)) {
      this.metrics.outboxRejected.inc({ reason: 'database_unavailable' }, batch.length);
      this.logger.warn({ err: (err as Error).message, events: batch.length }, 'database unavailable; events not stored');
      reason = new ServiceUnavailableError('The event store is temporarily unavailable; retry shortly', RETRY_AFTER_SECONDS);
    } else {
      this.logger.error({ err, events: batch.length }, 'events could not be stored');
      reason = err;
    }
    for (const p of batch) this.settle(p, () => p.reject(reason));
  }

  /** Answers an append once: the deadline and the commit race, the first one wins. */
  private settle(pending: Pending, outcome: () => void): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.deadline);
    this.metrics.outboxWaiting.set(--this.waiting);
    outcome();
  }

  private notifyIdle(): void {
    if (this.flushing === 0 && this.queue.length === 0 && !this.scheduled) this.idle.splice(0).forEach((r) => r());
  }

  private whenIdle(): Promise<void> {
    if (this.flushing === 0 && this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
