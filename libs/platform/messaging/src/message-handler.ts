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

export const QUEUE_CONSUMER_KEY = 'herald:queue-consumer';

/** Marks a provider implementing MessageHandler; the ConsumerHost finds and starts it. */
export const QueueConsumer = (): ClassDecorator => SetMetadata(QUEUE_CONSUMER_KEY, true);
