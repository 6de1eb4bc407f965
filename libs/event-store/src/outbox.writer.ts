// Group commit for accepted events: concurrent requests append their units (a request's
// events, with its Idempotency-Key reservation and audit entries), and one statement stores
// many units. A caller's promise resolves only after its rows are committed (that is what
// "accepted" means), then the outbox rows go to the relay for immediate publication. Under database trouble it fails fast instead of piling
// up: a bounded queue (full → 503), a deadline per append (→ 503), 503 for an outage, and
// a row-by-row retry only when the database refused the data of some row in the group.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { IdempotencyKeyReusedError, ServiceUnavailableError, UnprocessableError } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger, Metrics, ShutdownDrain } from '@herald/platform/observability';
import { OutboxRelay } from '@herald/platform/outbox';
import { isDatabaseUnavailable, isDataError } from '@herald/platform/persistence';
import { AcceptedEvent } from './accepted-event';
import { AppendResult, AppendUnit, UnitOutcome } from './append-unit';
import { OutboxRepository, StoredUnits, takenKeyId } from './outbox.repository';

interface Pending {
  unit: AppendUnit;
  resolve: (outcome: UnitOutcome) => void;
  reject: (err: unknown) => void;
  deadline: NodeJS.Timeout;
  settled: boolean;
}

const MAX_CONCURRENT_FLUSHES = 4;
const RETRY_AFTER_SECONDS = 2;

@Injectable()
export class OutboxWriter implements OnModuleInit {
  private queue: Pending[] = [];
  /** Events in the queue (a unit holds up to a batch's worth). */
  private queuedEvents = 0;
  private flushing = 0;
  private scheduled = false;
  private idle: Array<() => void> = [];
  /** Appends whose callers are still waiting for an answer (the herald_outbox_waiting gauge). */
  private waiting = 0;

  /** Business events also get an outbox row for the analytics channel when PostHog is configured. */
  private readonly analytics: boolean;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly relay: OutboxRelay,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: Metrics,
    drain: ShutdownDrain,
  ) {
    drain.register('outbox-writer', 10, () => this.whenIdle());
    this.analytics = Boolean(config.posthog.host && config.posthog.apiKey);
  }

  onModuleInit(): void {
    this.relay.register(this.repository);
  }

  /** Resolves once the event and its outbox row are committed; 503 when that cannot happen in time. */
  async append(event: AcceptedEvent): Promise<AppendResult> {
    const outcome = await this.appendUnit({ tenantId: event.tenantId, events: [event] });
    return (outcome as Extract<UnitOutcome, { replayed: false }>).results[0];
  }

  /**
   * Resolves once the unit's events, outbox rows, key and audit entries are committed together,
   * or with the stored answer when its Idempotency-Key was already used for the same request;
   * 409 IDEMPOTENCY_KEY_REUSED for the key with another request; 503 when it cannot be stored in time.
   */
  appendUnit(unit: AppendUnit): Promise<UnitOutcome> {
    if (this.queuedEvents >= this.config.outbox.queueMax) {
      this.metrics.outboxRejected.inc({ reason: 'queue_full' });
      return Promise.reject(new ServiceUnavailableError('Too many events are waiting to be stored; retry shortly', RETRY_AFTER_SECONDS));
    }
    return new Promise<UnitOutcome>((resolve, reject) => {
      const pending: Pending = { unit, resolve, reject, settled: false, deadline: undefined as unknown as NodeJS.Timeout };
      pending.deadline = setTimeout(() => this.expire(pending), this.config.outbox.writeTimeoutMs);
      this.metrics.outboxWaiting.set(++this.waiting);
      this.queue.push(pending);
      this.queuedEvents += unit.events.length;
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
    if (index !== -1) {
      this.queue.splice(index, 1);
      this.queuedEvents -= pending.unit.events.length;
    }
    this.metrics.outboxRejected.inc({ reason: 'deadline' });
    this.settle(pending, () => pending.reject(new ServiceUnavailableError('The event could not be stored in time; retry shortly', RETRY_AFTER_SECONDS)));
  }

  private schedule(): void {
    if (this.scheduled || this.flushing >= MAX_CONCURRENT_FLUSHES) return;
    this.scheduled = true;
    const delay = this.queuedEvents >= this.config.outbox.batchMax ? 0 : this.config.outbox.flushDelayMs;
    setTimeout(() => {
      this.scheduled = false;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    const batch = this.takeBatch();
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

  /**
   * Units from the head of the queue up to OUTBOX_BATCH_MAX events (at least one unit). A unit
   * whose (tenant, Idempotency-Key) is already in this batch waits for the next one, where it
   * finds the first one's committed answer: one statement cannot reserve one key twice.
   */
  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const keys = new Set<string>();
    let events = 0;
    for (const pending of this.queue) {
      const { unit } = pending;
      const key = unit.idempotency ? takenKeyId(unit.tenantId, unit.idempotency.key) : undefined;
      if ((batch.length > 0 && events + unit.events.length > this.config.outbox.batchMax) || (key !== undefined && keys.has(key))) {
        rest.push(pending);
        continue;
      }
      if (key !== undefined) keys.add(key);
      batch.push(pending);
      events += unit.events.length;
    }
    this.queue = rest;
    this.queuedEvents -= events;
    return batch;
  }

  private async commit(batch: Pending[]): Promise<void> {
    let stored: StoredUnits;
    try {
      stored = await this.repository.insertUnits(
        batch.map((p) => p.unit),
        { leaseMs: this.relay.leaseMs, analytics: this.analytics },
      );
    } catch (err) {
      return this.fail(batch, err);
    }
    this.metrics.outboxFlushRows.observe(stored.stored.size);
    this.relay.publishNow(this.repository, stored.entries);
    const refused = batch.filter((p, index) => p.unit.idempotency && !stored.reserved.has(index));
    batch.forEach((p, index) => {
      if (p.unit.idempotency && !stored.reserved.has(index)) return;
      const outcome = storedOutcome(p.unit, stored);
      this.settle(p, () => (outcome instanceof Error ? p.reject(outcome) : p.resolve(outcome)));
    });
    if (refused.length > 0) await this.answerTakenKeys(refused);
  }

  /** Units whose key was taken by an earlier request: its answer when the request is the same, else 409. */
  private async answerTakenKeys(refused: Pending[]): Promise<void> {
    let taken;
    try {
      taken = await this.repository.findTakenKeys(refused.map((p) => ({ tenantId: p.unit.tenantId, key: p.unit.idempotency?.key as string })));
    } catch (err) {
      return this.fail(refused, err);
    }
    for (const p of refused) {
      const reservation = p.unit.idempotency as NonNullable<AppendUnit['idempotency']>;
      const found = taken.get(takenKeyId(p.unit.tenantId, reservation.key));
      if (!found) {
        // expired and purged between the two statements: nothing of this unit was stored, so it may simply be retried
        this.settle(p, () => p.reject(new ServiceUnavailableError('The Idempotency-Key could not be checked; retry shortly', RETRY_AFTER_SECONDS)));
      } else if (found.requestHash !== reservation.requestHash) {
        this.settle(p, () => p.reject(new IdempotencyKeyReusedError()));
      } else {
        this.settle(p, () => p.resolve({ replayed: true, response: found.response }));
      }
    }
  }

  private async fail(batch: Pending[], err: unknown): Promise<void> {
    if (isDataError(err) && batch.length > 1) {
      // One row the database refuses must not fail its neighbours: commit the units one by one.
      for (const pending of batch) await this.commit([pending]);
      return;
    }
    let reason: unknown;
    if (isDataError(err)) {
      reason = new UnprocessableError('The event contains a value that cannot be stored', [
        { path: 'payload', message: 'contains a value the database refuses (for example a \\u0000 character)' },
      ]);
    } else if (isDatabaseUnavailable(err)) {
      const events = batch.reduce((n, p) => n + p.unit.events.length, 0);
      this.metrics.outboxRejected.inc({ reason: 'database_unavailable' }, events);
      this.logger.warn({ err: (err as Error).message, events }, 'database unavailable; events not stored');
      reason = new ServiceUnavailableError('The event store is temporarily unavailable; retry shortly', RETRY_AFTER_SECONDS);
    } else {
      this.logger.error({ err, units: batch.length }, 'events could not be stored');
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

/** A committed unit's answer: each event stored now, or the one stored earlier under its unique key. */
function storedOutcome(unit: AppendUnit, stored: StoredUnits): UnitOutcome | Error {
  const results: AppendResult[] = [];
  for (const event of unit.events) {
    const earlier = stored.duplicates.get(event.id);
    if (stored.stored.has(event.id)) results.push({ eventId: event.id, duplicate: false });
    else if (earlier) results.push({ eventId: earlier, duplicate: true });
    else return new Error(`event ${event.id} was neither stored nor found under its unique key`);
  }
  return { replayed: false, results };
}
