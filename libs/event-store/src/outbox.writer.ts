// Group commit for accepted events: concurrent requests append their events, and one
// transaction stores many events with their outbox rows. A caller's promise resolves only
// after its rows are committed (that is what "accepted" means), then the rows are handed
// to the relay for immediate publication.
import { Inject, Injectable } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger, Metrics, ShutdownDrain } from '@herald/platform/observability';
import { AcceptedEvent } from './accepted-event';
import { OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';

interface Pending {
  event: AcceptedEvent;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const MAX_CONCURRENT_FLUSHES = 4;

@Injectable()
export class OutboxWriter {
  private queue: Pending[] = [];
  private flushing = 0;
  private scheduled = false;
  private idle: Array<() => void> = [];

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

  /** Resolves once the event and its outbox row are committed. */
  append(event: AcceptedEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      this.schedule();
    });
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
      const outboxIds = await this.repository.insertEventsWithOutbox(batch.map((p) => p.event));
      this.metrics.outboxFlushRows.observe(batch.length);
      batch.forEach((p) => p.resolve());
      this.relay.publishNow(batch.map((p) => ({ outboxId: outboxIds.get(p.event.id) as string, event: p.event })));
    } catch (err) {
      if (batch.length === 1) {
        this.logger.error({ err, event_id: batch[0].event.id }, 'event could not be stored');
        batch[0].reject(err);
        return;
      }
      // One bad row must not fail its neighbours: commit them one by one.
      for (const pending of batch) await this.commit([pending]);
    }
  }

  private notifyIdle(): void {
    if (this.flushing === 0 && this.queue.length === 0 && !this.scheduled) this.idle.splice(0).forEach((r) => r());
  }

  private whenIdle(): Promise<void> {
    if (this.flushing === 0 && this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
