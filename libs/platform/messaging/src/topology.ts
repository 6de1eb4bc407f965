// Declares the SPEC §6 topology: durable exchanges, per-consumer quorum work queues, their
// delay queues for retries (TTL + dead-lettering back to the work queue) and the
// dead-letter exchange and queue. Every name goes through the configured prefix.
import type { ConfirmChannel } from 'amqplib';
import { Exchanges } from '@herald/contracts';

export interface QueueBinding {
  exchange: string;
  pattern: string;
}

export interface QueueDefinition {
  /** Unprefixed queue name, e.g. `notifications.events`. */
  name: string;
  bindings: QueueBinding[];
  /** Delay before each retry; attempts = delays + 1. Defaults to CONSUMER_RETRY_SCHEDULE. */
  retryDelaysMs?: number[];
  prefetch?: number;
}

export const EXCHANGE_TYPES: Record<string, 'topic' | 'direct'> = {
  [Exchanges.events]: 'topic',
  [Exchanges.deliveries]: 'direct',
  [Exchanges.realtime]: 'topic',
  [Exchanges.deadLetter]: 'topic',
};

export const DEAD_LETTER_QUEUE = 'herald.dead-letter';
/** Messages no queue was bound for land here instead of being dropped by the broker. */
export const UNROUTED_EXCHANGE = 'herald.unrouted';
export const UNROUTED_QUEUE = 'herald.unrouted';

export class TopologyNames {
  constructor(readonly prefix: string) {}

  exchange(name: string): string {
    return this.prefix + name;
  }
  queue(name: string): string {
    return this.prefix + name;
  }
  delayQueue(queue: string, level: number): string {
    return `${this.prefix}${queue}.delay.${level}`;
  }
  deadLetterQueue(): string {
    return this.prefix + DEAD_LETTER_QUEUE;
  }
}

const QUORUM = { 'x-queue-type': 'quorum' };

export async function declareExchanges(channel: ConfirmChannel, names: TopologyNames): Promise<void> {
  const unrouted = names.exchange(UNROUTED_EXCHANGE);
  await channel.assertExchange(unrouted, 'fanout', { durable: true });
  await channel.assertQueue(names.queue(UNROUTED_QUEUE), { durable: true, arguments: QUORUM });
  await channel.bindQueue(names.queue(UNROUTED_QUEUE), unrouted, '');
  for (const [exchange, type] of Object.entries(EXCHANGE_TYPES)) {
    await channel.assertExchange(names.exchange(exchange), type, { durable: true, alternateExchange: unrouted });
  }
  const dlq = names.deadLetterQueue();
  await channel.assertQueue(dlq, { durable: true, arguments: QUORUM });
  await channel.bindQueue(dlq, names.exchange(Exchanges.deadLetter), '#');
}

export async function declareWorkQueue(
  channel: ConfirmChannel,
  names: TopologyNames,
  def: QueueDefinition,
  retryDelaysMs: number[],
): Promise<void> {
  const queue = names.queue(def.name);
  await channel.assertQueue(queue, {
    durable: true,
    arguments: { ...QUORUM, 'x-dead-letter-exchange': names.exchange(Exchanges.deadLetter) },
  });
  for (const binding of def.bindings) {
    await channel.bindQueue(queue, names.exchange(binding.exchange), binding.pattern);
  }
  for (const [level, delay] of retryDelaysMs.entries()) {
    // A quorum delay queue with at-least-once dead-lettering: a message waiting out its
    // delay survives a broker restart and is moved back only once it is safely enqueued.
    await channel.assertQueue(names.delayQueue(def.name, level), {
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
