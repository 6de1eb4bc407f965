// Turns a handler's outcome into what happens to its message: a retry is republished to the
// delay queue of its attempt, a dead-letter to herald.dead-letter, and only once the broker
// has confirmed that publish is the message acked. Broadcast messages are best effort: every
// outcome is acked, and a retry or dead-letter is only logged and counted.
import type { Channel, ConsumeMessage } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { Exchanges, MessageHeaderValues } from '@herald/contracts';
import { HeraldLogger, Metrics } from '@herald/platform/observability';
import { HandlerOutcome } from './message-handler';
import { MessagePublisher } from './message-publisher';
import { QueueDefinition, TopologyNames } from './topology';

/** The queue a message was consumed from, as the settlement needs it. */
export interface SettledQueue {
  definition: QueueDefinition;
  /** Retry delays of a work queue; empty for a broadcast queue. */
  retryDelaysMs: number[];
}

export class OutcomeSettlement {
  constructor(
    private readonly publisher: MessagePublisher,
    private readonly names: TopologyNames,
    private readonly logger: HeraldLogger,
    private readonly metrics: Metrics,
  ) {}

  /** Throws when the retry or dead-letter publish fails; the message is then left unacked. */
  async settle(channel: Channel, queue: SettledQueue, msg: ConsumeMessage, headers: MessageHeaderValues, handled: HandlerOutcome): Promise<void> {
    const name = queue.definition.name;
    if (queue.definition.kind === 'broadcast') {
      if (handled.kind !== 'done') this.logger.warn({ queue: name, outcome: handled.kind, reason: handled.reason }, 'broadcast message dropped');
      channel.ack(msg);
      this.metrics.messagesConsumed.inc({ queue: name, outcome: handled.kind });
      return;
    }
    // A retry past the last delay is a dead-letter; decide once, then act on it.
    const outcome: HandlerOutcome =
      handled.kind === 'retry' && headers.attempt > queue.retryDelaysMs.length
        ? { kind: 'dead_letter', reason: `attempts exhausted: ${handled.reason}` }
        : handled;
    if (outcome.kind === 'retry') await this.retry(queue, msg, headers, outcome.reason);
    else if (outcome.kind === 'dead_letter') await this.deadLetter(name, msg, headers, outcome.reason);
    channel.ack(msg);
    this.metrics.messagesConsumed.inc({ queue: name, outcome: outcome.kind });
  }

  private async retry(queue: SettledQueue, msg: ConsumeMessage, headers: MessageHeaderValues, reason: string): Promise<void> {
    const delay = queue.retryDelaysMs[headers.attempt - 1];
    // mandatory: a delay queue that is gone must fail the retry, not confirm it into nowhere.
    await this.publisher.publishRaw('', this.names.delayQueueFor(queue.definition.name, delay), msg.content, {
      ...originalMeta(msg),
      mandatory: true,
      headers: { ...passThroughHeaders(msg), ...headers, attempt: headers.attempt + 1 },
    });
    this.logger.info({ queue: queue.definition.name, attempt: headers.attempt, reason }, 'message scheduled for retry');
  }

  private async deadLetter(queueName: string, msg: ConsumeMessage, headers: MessageHeaderValues, reason: string): Promise<void> {
    await this.publisher.publishRaw(Exchanges.deadLetter, this.names.queue(queueName), msg.content, {
      ...originalMeta(msg),
      mandatory: true,
      headers: {
        ...passThroughHeaders(msg),
        ...headers,
        'x-failure-reason': reason.slice(0, 500),
        'x-original-exchange': msg.fields.exchange,
        'x-original-routing-key': msg.fields.routingKey,
      },
    });
    this.logger.warn({ queue: queueName, attempt: headers.attempt, reason }, 'message dead-lettered');
  }
}

export function readHeaders(msg: ConsumeMessage): MessageHeaderValues {
  const h = (msg.properties.headers ?? {}) as Record<string, unknown>;
  const attempt = Number(h['attempt']);
  return {
    event_id: String(h['event_id'] ?? msg.properties.messageId ?? ''),
    tenant_id: String(h['tenant_id'] ?? ''),
    request_id: typeof h['request_id'] === 'string' && h['request_id'] ? h['request_id'] : randomUUID(),
    attempt: Number.isInteger(attempt) && attempt >= 1 ? attempt : 1,
    traceparent: typeof h['traceparent'] === 'string' ? h['traceparent'] : '',
  };
}

function originalMeta(msg: ConsumeMessage): { messageType?: string; messageId?: string } {
  return { messageType: msg.properties.type, messageId: msg.properties.messageId };
}

/** Keeps application headers but drops the broker's own bookkeeping (x-death, x-delivery-count). */
function passThroughHeaders(msg: ConsumeMessage): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(msg.properties.headers ?? {})) {
    if (/^x-(death|first-death|last-death|delivery-count)/.test(key)) continue;
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}
