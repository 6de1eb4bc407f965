// How a batch handler's messages gather into micro-batches (ConsumerHost): a batch asks to be
// handled when it is full or `maxWaitMs` after its first message; while it waits for a handler
// slot (every slot busy) it keeps taking messages up to `maxSize`, so batches grow with the
// load. One collector per consumer; `S` is the subscription a message came through, and a
// batch never mixes two (a message of a channel that is gone must not be acked on a new one).
import type { ConsumeMessage } from 'amqplib';
import { MessageHeaderValues } from '@herald/contracts';

export interface BatchEntry {
  msg: ConsumeMessage;
  headers: MessageHeaderValues;
  message: unknown;
}

/** Messages of a batch handler, parsed, waiting to be handled together. */
export interface PendingBatch<S> {
  subscription: S;
  entries: BatchEntry[];
  timer?: NodeJS.Timeout;
  /** Its handling was asked for (full, or its wait ran out); it still takes messages until it gets a slot or is full. */
  requested: boolean;
}

export class BatchCollector<S> {
  /** The batch that is still taking messages. */
  private collecting?: PendingBatch<S>;

  constructor(
    private readonly limits: { maxSize: number; maxWaitMs: number },
    /** Called once per batch, when it asks to be handled; it calls `close` once it has a slot. */
    private readonly handle: (batch: PendingBatch<S>) => void,
  ) {}

  add(subscription: S, entry: BatchEntry): void {
    let batch = this.collecting;
    if (batch && batch.subscription !== subscription) {
      // messages of a channel that is gone: its handling drops them (the broker redelivers them)
      this.close(batch);
      this.request(batch);
      batch = undefined;
    }
    if (!batch) {
      const created: PendingBatch<S> = { subscription, entries: [], requested: false };
      created.timer = setTimeout(() => this.request(created), this.limits.maxWaitMs);
      this.collecting = batch = created;
    }
    batch.entries.push(entry);
    if (batch.entries.length >= this.limits.maxSize) {
      this.close(batch);
      this.request(batch);
    }
  }

  /** Takes no more messages into `batch`. */
  close(batch: PendingBatch<S>): void {
    if (this.collecting === batch) this.collecting = undefined;
    clearTimeout(batch.timer);
  }

  private request(batch: PendingBatch<S>): void {
    if (batch.requested) return;
    batch.requested = true;
    this.handle(batch);
  }
}
