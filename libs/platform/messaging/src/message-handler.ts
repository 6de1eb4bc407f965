// What a queue consumer implements: its queue, the contract its messages are parsed with,
// and a small idempotent handler that returns an explicit outcome.
import { SetMetadata } from '@nestjs/common';
import { MessageContract, MessageHeaderValues } from '@herald/contracts';
import { QueueDefinition } from './topology';

export type HandlerOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; reason: string }
  | { kind: 'dead_letter'; reason: string };

export const Outcome = {
  done: (): HandlerOutcome => ({ kind: 'done' }),
  retry: (reason: string): HandlerOutcome => ({ kind: 'retry', reason }),
  deadLetter: (reason: string): HandlerOutcome => ({ kind: 'dead_letter', reason }),
};

export interface MessageContext {
  headers: MessageHeaderValues;
  routingKey: string;
  redelivered: boolean;
  queue: string;
}

export interface MessageHandler<T> {
  readonly queue: QueueDefinition;
  readonly contract: MessageContract<T>;
  handle(message: T, context: MessageContext): Promise<HandlerOutcome>;
}

/** A message of a batch: the parsed message and its context, as `handle` would get them. */
export interface BatchItem<T> {
  message: T;
  context: MessageContext;
}

export interface BatchOptions {
  /** At most this many messages in one call of `handleBatch`. */
  maxSize: number;
  /** A batch is handed over this long after its first message arrived, full or not. */
  maxWaitMs: number;
}

/**
 * A handler that takes its messages in micro-batches: the host collects up to
 * `batch.maxSize` messages (or what arrived within `batch.maxWaitMs` of the first) and calls
 * `handleBatch` once, in one handler slot, and settles each message by the outcome at its
 * index. When `handleBatch` throws, the host handles each message of the batch on its own with
 * `handle` (so one bad message only fails itself), settling each by its own outcome.
 */
export interface BatchMessageHandler<T> extends MessageHandler<T> {
  readonly batch: BatchOptions;
  /** One outcome per item, in the items' order. */
  handleBatch(items: ReadonlyArray<BatchItem<T>>): Promise<HandlerOutcome[]>;
}

export function isBatchHandler<T>(handler: MessageHandler<T>): handler is BatchMessageHandler<T> {
  return typeof (handler as Partial<BatchMessageHandler<T>>).handleBatch === 'function' && (handler as Partial<BatchMessageHandler<T>>).batch !== undefined;
}

export const QUEUE_CONSUMER_KEY = 'herald:queue-consumer';

/** Marks a provider implementing MessageHandler; the ConsumerHost finds and starts it. */
export const QueueConsumer = (): ClassDecorator => SetMetadata(QUEUE_CONSUMER_KEY, true);
