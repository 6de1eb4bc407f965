// Declares the SPEC §6 topology: durable exchanges, per-consumer quorum work queues with
// their delay queues for retries (TTL + dead-lettering back to the work queue), per-replica
// broadcast queues, and the dead-letter and unrouted queues. Every name goes through the
// configured prefix.
import type { ConfirmChannel } from 'amqplib';
import { Exchanges } from '@herald/contracts';

export interface QueueBinding {
  exchange: string;
  pattern: string;
}

/**
 * `work` (default): one durable quorum queue shared by every replica of the app, with delayed
 * retries, a dead-letter queue and a delivery limit.
 * `broadcast`: one exclusive, auto-delete queue per replica, so every replica gets every
 * message (live fan-out). Best effort: no retries, no dead-letters, gone with its replica.
 */
export type QueueKind = 'work' | 'broadcast';

export interface QueueDefinition {
  /** Unprefixed queue name, e.g. `notifications.events`; a broadcast queue adds a per-replica suffix. */
  name: string;
  kind?: QueueKind;
  bindings: QueueBinding[];
  /**
   * Bindings an earlier release declared and this one no longer wants: removed on every
   * declaration (a declaration only adds bindings, so a narrowed queue would otherwise keep
   * receiving what it used to). Removing one that is not there is a no-op.
   */
  retiredBindings?: QueueBinding[];
  /** Delay before each retry; attempts = delays + 1. Defaults to CONSUMER_RETRY_SCHEDULE. Ignored for broadcast. */
  retryDelaysMs?: number[];
  prefetch?: number;
}

export const EXCHANGE_TYPES: Record<string, 'topic' | 'direct'> = {
  [Exchanges.events]: 'topic',
  [Exchanges.deliveries]: 'direct',
  [Exchanges.realtime]: 'topic',
  [Exchanges.deadLetter]: 'topic',
  [Exchanges.reports]: 'topic',
};

/** Live fan-out: a message no replica listens to is simply dropped, so no alternate exchange. */
export const EXCHANGES_WITHOUT_ALTERNATE: readonly string[] = [Exchanges.realtime];

export const DEAD_LETTER_QUEUE = 'herald.dead-letter';
/** Messages no queue was bound for land here instead of being dropped by the broker. */
export const UNROUTED_EXCHANGE = 'herald.unrouted';
export const UNROUTED_QUEUE = 'herald.unrouted';
/**
 * The unrouted queue is for diagnostics, so it is capped instead of growing without bound:
 * past the length the oldest messages are dropped (drop-head), and none is kept past the TTL.
 */
export const UNROUTED_QUEUE_LIMITS = { maxLength: 100_000, messageTtlMs: 7 * 24 * 60 * 60 * 1000 };
/** Deliveries of one message to a work queue's consumers before it is dead-lettered (CONSUMER_DELIVERY_LIMIT). */
export const DEFAULT_DELIVERY_LIMIT = 20;

export class TopologyNames {
  constructor(readonly prefix: string) {}

  exchange(name: string): string {
    return this.prefix + name;
  }
  queue(name: string): string {
    return this.prefix + name;
  }
  /** Named by the delay, so a changed retry schedule declares new queues instead of redeclaring one with another TTL. */
  delayQueueFor(queue: string, delayMs: number): string {
    return `${this.prefix}${queue}.delay.${delayMs}ms`;
  }
  /** One replica's queue of a broadcast definition. */
  broadcastQueue(queue: string, replica: string): string {
    return `${this.prefix}${queue}.${replica}`;
  }
  deadLetterQueue(): string {
    return this.prefix + DEAD_LETTER_QUEUE;
  }
}

const QUORUM = { 'x-queue-type': 'quorum' };

const UNROUTED_QUEUE_ARGUMENTS = {
  ...QUORUM,
  'x-max-length': UNROUTED_QUEUE_LIMITS.maxLength,
  'x-message-ttl': UNROUTED_QUEUE_LIMITS.messageTtlMs,
  'x-overflow': 'drop-head',
};

export async function declareExchanges(channel: ConfirmChannel, names: TopologyNames): Promise<void> {
  const unrouted = names.exchange(UNROUTED_EXCHANGE);
  await channel.assertExchange(unrouted, 'fanout', { durable: true });
  await channel.assertQueue(names.queue(UNROUTED_QUEUE), { durable: true, arguments: UNROUTED_QUEUE_ARGUMENTS });
  await channel.bindQueue(names.queue(UNROUTED_QUEUE), unrouted, '');
  for (const [exchange, type] of Object.entries(EXCHANGE_TYPES)) {
    const alternateExchange = EXCHANGES_WITHOUT_ALTERNATE.includes(exchange) ? undefined : unrouted;
    await channel.assertExchange(names.exchange(exchange), type, { durable: true, alternateExchange });
  }
  const dlq = names.deadLetterQueue();
  await channel.assertQueue(dlq, { durable: true, arguments: QUORUM });
  await channel.bindQueue(dlq, names.exchange(Exchanges.deadLetter), '#');
}

/** Every queue `declareWorkQueue` declares for `def`: the work queue, then one delay queue per distinct delay. */
export function workQueueNames(names: TopologyNames, def: QueueDefinition, retryDelaysMs: number[]): string[] {
  const delayQueues = [...new Set(retryDelaysMs)].map((delay) => names.delayQueueFor(def.name, delay));
  return [names.queue(def.name), ...delayQueues];
}

export async function declareWorkQueue(
  channel: ConfirmChannel,
  names: TopologyNames,
  def: QueueDefinition,
  retryDelaysMs: number[],
  deliveryLimit = DEFAULT_DELIVERY_LIMIT,
): Promise<void> {
  const queue = names.queue(def.name);
  // Past the delivery limit (a message that keeps crashing its consumer, so it is never
  // acked) the quorum queue dead-letters it through this exchange instead of looping forever.
  await channel.assertQueue(queue, {
    durable: true,
    arguments: { ...QUORUM, 'x-dead-letter-exchange': names.exchange(Exchanges.deadLetter), 'x-delivery-limit': deliveryLimit },
  });
  await bindAll(channel, names, queue, def);
  for (const delay of new Set(retryDelaysMs)) {
    // A quorum delay queue with at-least-once dead-lettering: a message waiting out its
    // delay survives a broker restart and is moved back only once it is safely enqueued.
    await channel.assertQueue(names.delayQueueFor(def.name, delay), {
      durable: true,
      arguments: {
        ...QUORUM,
        'x-message-ttl': delay,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': queue,
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish',
      },
    });
  }
}

/** A replica's own queue: exclusive and auto-delete, so it disappears with its connection or consumer. */
/** Per-replica live queue cap (classic queue: x-overflow drop-head drops the oldest). */
export const BROADCAST_QUEUE_LIMITS = { 'x-max-length': 10_000, 'x-overflow': 'drop-head' } as const;

export async function declareBroadcastQueue(
  channel: ConfirmChannel,
  names: TopologyNames,
  def: QueueDefinition,
  queue: string,
): Promise<void> {
  // A replica that stops keeping up must not grow its live queue without bound: live fan-out
  // is best effort, the feed (and Last-Event-ID) has everything, so the oldest are dropped.
  await channel.assertQueue(queue, { durable: false, exclusive: true, autoDelete: true, arguments: BROADCAST_QUEUE_LIMITS });
  await bindAll(channel, names, queue, def);
}

async function bindAll(channel: ConfirmChannel, names: TopologyNames, queue: string, def: QueueDefinition): Promise<void> {
  for (const binding of def.bindings) {
    await channel.bindQueue(queue, names.exchange(binding.exchange), binding.pattern);
  }
  for (const binding of def.retiredBindings ?? []) {
    await channel.unbindQueue(queue, names.exchange(binding.exchange), binding.pattern);
  }
}
