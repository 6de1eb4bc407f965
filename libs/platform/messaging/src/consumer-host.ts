// The one consumer: finds every @QueueConsumer provider, declares its queues, consumes with
// manual acks and bounded prefetch, and turns handler outcomes into ack, delayed retry or
// dead-letter. Acks only after the handler (and so its effects) finished. On shutdown it
// stops taking messages and waits for the ones in flight.
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { Exchanges, MessageHeaderValues } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import {
  childTraceparent,
  HERALD_LOGGER,
  HeraldLogger,
  Metrics,
  RequestContext,
  ShutdownDrain,
} from '@herald/platform/observability';
import { randomUUID } from 'node:crypto';
import { AmqpConnection } from './amqp-connection';
import { MessagePublisher } from './message-publisher';
import { HandlerOutcome, MessageHandler, QUEUE_CONSUMER_KEY } from './message-handler';
import { declareWorkQueue, QueueDefinition } from './topology';

interface ActiveConsumer {
  channel: Channel;
  tag: string;
}

@Injectable()
export class ConsumerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly active = new Set<ActiveConsumer>();
  private inFlight = 0;
  private idle: Array<() => void> = [];
  private stopping = false;
  private readonly started: Promise<void>[] = [];
  private readonly definitions: QueueDefinition[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(AmqpConnection) private readonly connection: AmqpConnection,
    @Inject(MessagePublisher) private readonly publisher: MessagePublisher,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: Metrics,
    private readonly drain: ShutdownDrain,
  ) {
    drain.register('consumers', 5, () => this.stopAndWait());
  }

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || !wrapper.metatype || !this.reflector.get(QUEUE_CONSUMER_KEY, wrapper.metatype)) continue;
      this.start(instance as MessageHandler<unknown>);
    }
  }

  /** The work queues this app consumes (declared at bootstrap). */
  queueDefinitions(): QueueDefinition[] {
    return [...this.definitions];
  }

  /** Resolves once every consumer's queue is declared and bound and consumption started. */
  async ready(): Promise<void> {
    await Promise.all(this.started);
  }

  async onModuleDestroy(): Promise<void> {
    await this.cancelAll();
  }

  private start(handler: MessageHandler<unknown>): void {
    const def = handler.queue;
    this.definitions.push(def);
    const delays = def.retryDelaysMs ?? this.config.consumerRetryDelaysMs;
    const queue = this.connection.names.queue(def.name);
    let consuming!: () => void;
    this.started.push(new Promise<void>((resolve) => (consuming = resolve)));
    this.connection.createChannel(`consumer:${def.name}`, async (channel: ConfirmChannel) => {
      await declareWorkQueue(channel, this.connection.names, def, delays);
      if (this.stopping) return;
      await channel.prefetch(def.prefetch ?? this.config.amqpPrefetch);
      const entry: ActiveConsumer = { channel, tag: '' };
      const { consumerTag } = await channel.consume(queue, (msg) => {
        if (msg) void this.onMessage(channel, handler, msg, delays);
      });
      entry.tag = consumerTag;
      this.active.add(entry);
      channel.once('close', () => this.active.delete(entry));
      consuming();
    });
  }

  private async onMessage(channel: Channel, handler: MessageHandler<unknown>, msg: ConsumeMessage, delays: number[]): Promise<void> {
    this.inFlight++;
    const def = handler.queue;
    const headers = readHeaders(msg);
    const stopTimer = this.metrics.messageHandleSeconds.startTimer({ queue: def.name });
    try {
      const outcome = await RequestContext.run(
        { requestId: headers.request_id, traceparent: childTraceparent(headers.traceparent) },
        () => this.invoke(handler, msg, headers),
      );
      await this.settle(channel, def.name, msg, headers, outcome, delays);
    } catch (err) {
      // Settling failed (broker gone): leave the message unacked; the broker redelivers it.
      this.logger.warn({ queue: def.name, err: (err as Error).message }, 'could not settle message; it will be redelivered');
    } finally {
      stopTimer();
      this.inFlight--;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  private async invoke(handler: MessageHandler<unknown>, msg: ConsumeMessage, headers: MessageHeaderValues): Promise<HandlerOutcome> {
    let parsed: unknown;
    try {
      parsed = handler.contract.parse(JSON.parse(msg.content.toString('utf8')));
    } catch (err) {
      return { kind: 'dead_letter', reason: `unparseable: ${(err as Error).message}` };
    }
    try {
      return await handler.handle(parsed, {
        headers,
        routingKey: msg.fields.routingKey,
        redelivered: msg.fields.redelivered,
        queue: handler.queue.name,
      });
    } catch (err) {
      this.logger.error({ queue: handler.queue.name, err }, 'message handler threw; scheduling a retry');
      return { kind: 'retry', reason: (err as Error).message };
    }
  }

  private async settle(
    channel: Channel,
    queueName: string,
    msg: ConsumeMessage,
    headers: MessageHeaderValues,
    handled: HandlerOutcome,
    delays: number[],
  ): Promise<void> {
    // A retry past the last delay is a dead-letter; decide once, then act on it.
    const outcome: HandlerOutcome =
      handled.kind === 'retry' && headers.attempt > delays.length
        ? { kind: 'dead_letter', reason: `attempts exhausted: ${handled.reason}` }
        : handled;
    const names = this.connection.names;
    const meta = { messageType: msg.properties.type, messageId: msg.properties.messageId };
    if (outcome.kind === 'retry') {
      await this.publisher.publishRaw('', names.delayQueue(queueName, headers.attempt - 1), msg.content, {
        ...meta,
        headers: { ...passThroughHeaders(msg), ...headers, attempt: headers.attempt + 1 },
      });
      this.logger.info({ queue: queueName, attempt: headers.attempt, reason: outcome.reason }, 'message scheduled for retry');
    } else if (outcome.kind === 'dead_letter') {
      await this.publisher.publishRaw(Exchanges.deadLetter, names.queue(queueName), msg.content, {
        ...meta,
        headers: {
          ...passThroughHeaders(msg),
          ...headers,
          'x-failure-reason': outcome.reason.slice(0, 500),
          'x-original-exchange': msg.fields.exchange,
          'x-original-routing-key': msg.fields.routingKey,
        },
      });
      this.logger.warn({ queue: queueName, attempt: headers.attempt, reason: outcome.reason }, 'message dead-lettered');
    }
    channel.ack(msg);
    this.metrics.messagesConsumed.inc({ queue: queueName, outcome: outcome.kind });
  }

  private async cancelAll(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.active].map((c) => c.channel.cancel(c.tag)));
    this.active.clear();
  }

  private async stopAndWait(): Promise<void> {
    await this.cancelAll();
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}

function readHeaders(msg: ConsumeMessage): MessageHeaderValues {
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

/** Keeps application headers but drops the broker's own x-death bookkeeping. */
function passThroughHeaders(msg: ConsumeMessage): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(msg.properties.headers ?? {})) {
    if (key.startsWith('x-death') || key.startsWith('x-first-death') || key.startsWith('x-last-death')) continue;
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}
