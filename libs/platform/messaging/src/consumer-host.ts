// The one consumer: finds every @QueueConsumer provider, declares its queues, consumes with
// manual acks and bounded prefetch, and hands each outcome to the settlement (ack, delayed
// retry or dead-letter). Acks only after the handler (and so its effects) finished. At most
// DATABASE_POOL_SIZE - 2 handlers run at once across consumers (config.consumerConcurrency).
// Each consumer's channel recovers by itself and its state feeds readiness. On shutdown it
// stops taking messages and waits for the ones in flight. A BatchMessageHandler gets its
// messages in micro-batches (one slot per batch; see batch-collector.ts).
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { MessageHeaderValues } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { childTraceparent, HERALD_LOGGER, HeraldLogger, Metrics, RequestContext, ShutdownDrain } from '@herald/platform/observability';
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AmqpConnection } from './amqp-connection';
import { BatchCollector, BatchEntry, PendingBatch } from './batch-collector';
import { HandlerSlots } from './handler-slots';
import { BatchMessageHandler, HandlerOutcome, isBatchHandler, MessageContext, MessageHandler, QUEUE_CONSUMER_KEY } from './message-handler';
import { MessagePublisher } from './message-publisher';
import { OutcomeSettlement, readHeaders, SettledQueue } from './outcome-settlement';
import { RecoveringChannel } from './recovering-channel';
import { declareBroadcastQueue, declareWorkQueue, workQueueNames } from './topology';

export type ConsumerState = 'starting' | 'consuming' | 'failed';

export interface ConsumerStatus {
  /** Unprefixed queue name of the definition. */
  queue: string;
  /** The queue it consumes from: prefixed, and per replica for a broadcast definition. */
  consumesFrom: string;
  state: ConsumerState;
  /** Why its channel setup failed (broker reply code and text), while `failed`. */
  reason?: string;
}

/** One consumer's channel and the subscription on its current underlying channel. */
interface RunningConsumer extends SettledQueue {
  handler: MessageHandler<unknown>;
  /** The prefixed queue it consumes from. */
  queue: string;
  channel: RecoveringChannel;
  subscription?: Subscription;
  /** A batch handler's micro-batches. */
  batches?: BatchCollector<Subscription>;
}

interface Subscription {
  channel: ConfirmChannel;
  tag: string;
  open: boolean;
}

@Injectable()
export class ConsumerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumers: RunningConsumer[] = [];
  private readonly slots: HandlerSlots;
  private readonly settlement: OutcomeSettlement;
  /** Suffix of this replica's broadcast queues. */
  private readonly replica = `${hostname().replace(/[^a-zA-Z0-9-]/g, '-')}-${randomBytes(3).toString('hex')}`;
  private inFlight = 0;
  private idle: Array<() => void> = [];
  private stopping = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(AmqpConnection) private readonly connection: AmqpConnection,
    @Inject(MessagePublisher) publisher: MessagePublisher,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: Metrics,
    drain: ShutdownDrain,
  ) {
    this.slots = new HandlerSlots(config.consumerConcurrency);
    this.settlement = new OutcomeSettlement(publisher, connection.names, logger, metrics);
    drain.register('consumers', 5, () => this.stopAndWait());
  }

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || !wrapper.metatype || !this.reflector.get(QUEUE_CONSUMER_KEY, wrapper.metatype)) continue;
      this.start(instance as MessageHandler<unknown>);
    }
  }

  /** Every durable queue this app declares, prefixed: work queues and their delay queues (broadcast queues delete themselves). */
  declaredQueues(): string[] {
    return this.consumers
      .filter((c) => c.definition.kind !== 'broadcast')
      .flatMap((c) => workQueueNames(this.connection.names, c.definition, c.retryDelaysMs));
  }

  /** Resolves once every consumer's queue is declared and bound and consumption started. */
  async ready(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.channel.whenReady()));
  }

  consumerStatuses(): ConsumerStatus[] {
    return this.consumers.map((c) => {
      const status = { queue: c.definition.name, consumesFrom: c.queue };
      if (c.channel.state === 'failed') return { ...status, state: 'failed', reason: c.channel.failure };
      return { ...status, state: c.channel.state === 'ready' ? 'consuming' : 'starting' };
    });
  }

  /** SPEC §1: not ready while a consumer's setup is refused (a broker that is merely away is not a failure here). */
  readiness(): { ready: boolean; failing: string[] } {
    const failing = this.consumerStatuses()
      .filter((s) => s.state === 'failed')
      .map((s) => s.queue);
    return { ready: failing.length === 0, failing };
  }

  async onModuleDestroy(): Promise<void> {
    await this.cancelAll();
  }

  private start(handler: MessageHandler<unknown>): void {
    const definition = handler.queue;
    const names = this.connection.names;
    const broadcast = definition.kind === 'broadcast';
    const consumer: RunningConsumer = {
      handler,
      definition,
      queue: broadcast ? names.broadcastQueue(definition.name, this.replica) : names.queue(definition.name),
      retryDelaysMs: broadcast ? [] : (definition.retryDelaysMs ?? this.config.consumerRetryDelaysMs),
      // The setup runs once the channel opens, after `consumer` is complete.
      channel: this.connection.createRecoveringChannel(`consumer:${definition.name}`, (channel) => this.subscribe(consumer, channel)),
    };
    if (isBatchHandler(handler)) {
      const batchHandler = handler;
      consumer.batches = new BatchCollector<Subscription>(handler.batch, (batch) => void this.runBatch(consumer, batchHandler, batch));
    }
    this.consumers.push(consumer);
  }

  private async subscribe(consumer: RunningConsumer, channel: ConfirmChannel): Promise<void> {
    const { definition } = consumer;
    if (definition.kind === 'broadcast') await declareBroadcastQueue(channel, this.connection.names, definition, consumer.queue);
    else await declareWorkQueue(channel, this.connection.names, definition, consumer.retryDelaysMs, this.config.consumerDeliveryLimit);
    if (this.stopping) return;
    // a batch handler needs room for a full batch being collected while others are handled
    const handler = consumer.handler;
    const batchRoom = isBatchHandler(handler) ? handler.batch.maxSize * 4 : 0;
    await channel.prefetch(definition.prefetch ?? Math.max(this.config.amqpPrefetch, batchRoom));
    const subscription: Subscription = { channel, tag: '', open: true };
    channel.once('close', () => (subscription.open = false));
    const { consumerTag } = await channel.consume(consumer.queue, (msg) => {
      // null: the broker cancelled us (the queue was deleted); declare it again and resubscribe.
      if (!msg) {
        if (!this.stopping) consumer.channel.recover(channel, 'consumer cancelled by the broker');
      } else void this.onMessage(consumer, subscription, msg);
    });
    subscription.tag = consumerTag;
    consumer.subscription = subscription;
  }

  private async onMessage(consumer: RunningConsumer, subscription: Subscription, msg: ConsumeMessage): Promise<void> {
    const handler = consumer.handler;
    if (isBatchHandler(handler)) {
      const message = parseMessage(handler, msg);
      // an unparseable message takes the single path, which dead-letters it
      if (message.ok && consumer.batches) {
        this.inFlight++;
        return consumer.batches.add(subscription, { msg, headers: readHeaders(msg), message: message.value });
      }
    }
    this.inFlight++;
    const release = await this.slots.acquire();
    try {
      // Stopping, or its channel is gone: leave it unacked, the broker hands it out again.
      if (this.stopping || !subscription.open) return;
      await this.handleAndSettle(consumer, subscription.channel, msg);
    } catch (err) {
      // The retry or dead-letter publish failed (broker gone, or the message was returned as
      // unroutable because a delay queue is missing). Acking would lose the message, so it
      // stays unacked; recovering the channel hands it back to the queue for redelivery and
      // declares the missing queues again.
      this.logger.warn({ queue: consumer.definition.name, err: (err as Error).message }, 'could not settle message; it will be redelivered');
      if (subscription.open) consumer.channel.recover(subscription.channel, `could not settle a message: ${(err as Error).message}`);
    } finally {
      release();
      this.inFlight--;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  private async runBatch(consumer: RunningConsumer, handler: BatchMessageHandler<unknown>, batch: PendingBatch<Subscription>): Promise<void> {
    const release = await this.slots.acquire();
    consumer.batches?.close(batch);
    const { subscription, entries } = batch;
    try {
      // Stopping, or its channel is gone: leave them unacked, the broker hands them out again.
      if (this.stopping || !subscription.open) return;
      await this.handleBatchAndSettle(consumer, handler, subscription.channel, entries);
    } catch (err) {
      // As in onMessage: a settlement publish failed; what is not acked yet goes back to the queue.
      this.logger.warn({ queue: consumer.definition.name, err: (err as Error).message }, 'could not settle a batch; its unsettled messages will be redelivered');
      if (subscription.open) consumer.channel.recover(subscription.channel, `could not settle a message: ${(err as Error).message}`);
    } finally {
      release();
      this.inFlight -= entries.length;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Handles the batch in one call; if that throws, each message on its own (a poison message fails alone). */
  private async handleBatchAndSettle(consumer: RunningConsumer, handler: BatchMessageHandler<unknown>, channel: Channel, entries: BatchEntry[]): Promise<void> {
    const queue = handler.queue.name;
    const stopTimer = this.metrics.messageHandleSeconds.startTimer({ queue });
    try {
      const items = entries.map((e) => ({ message: e.message, context: contextOf(handler, e.msg, e.headers) }));
      let outcomes: HandlerOutcome[] | undefined;
      try {
        outcomes = await RequestContext.run({ requestId: randomUUID(), traceparent: childTraceparent(undefined) }, () => handler.handleBatch(items));
        if (outcomes.length !== items.length) throw new Error(`handleBatch returned ${outcomes.length} outcomes for ${items.length} messages`);
      } catch (err) {
        this.logger.warn({ queue, size: items.length, err: (err as Error).message }, 'batch handler threw; handling its messages one by one');
        outcomes = undefined;
      }
      for (const [i, entry] of entries.entries()) {
        const outcome =
          outcomes?.[i] ??
          (await RequestContext.run({ requestId: entry.headers.request_id, traceparent: childTraceparent(entry.headers.traceparent) }, () =>
            this.call(handler, items[i].message, items[i].context),
          ));
        await this.settlement.settle(channel, consumer, entry.msg, entry.headers, outcome);
      }
    } finally {
      stopTimer();
    }
  }

  private async handleAndSettle(consumer: RunningConsumer, channel: Channel, msg: ConsumeMessage): Promise<void> {
    const headers = readHeaders(msg);
    const stopTimer = this.metrics.messageHandleSeconds.startTimer({ queue: consumer.definition.name });
    try {
      const outcome = await RequestContext.run(
        { requestId: headers.request_id, traceparent: childTraceparent(headers.traceparent) },
        () => this.invoke(consumer.handler, msg, headers),
      );
      await this.settlement.settle(channel, consumer, msg, headers, outcome);
    } finally {
      stopTimer();
    }
  }

  private async invoke(handler: MessageHandler<unknown>, msg: ConsumeMessage, headers: MessageHeaderValues): Promise<HandlerOutcome> {
    const parsed = parseMessage(handler, msg);
    if (!parsed.ok) return { kind: 'dead_letter', reason: `unparseable: ${parsed.error}` };
    return this.call(handler, parsed.value, contextOf(handler, msg, headers));
  }

  /** The handler's outcome; a throw is a retry. */
  private async call(handler: MessageHandler<unknown>, message: unknown, context: MessageContext): Promise<HandlerOutcome> {
    try {
      return await handler.handle(message, context);
    } catch (err) {
      this.logger.error({ queue: handler.queue.name, err }, 'message handler threw; scheduling a retry');
      return { kind: 'retry', reason: (err as Error).message };
    }
  }

  private async cancelAll(): Promise<void> {
    this.stopping = true;
    const open = this.consumers.flatMap((c) => (c.subscription?.open ? [c.subscription] : []));
    await Promise.allSettled(open.map((s) => s.channel.cancel(s.tag)));
  }

  private async stopAndWait(): Promise<void> {
    await this.cancelAll();
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}

function parseMessage(handler: MessageHandler<unknown>, msg: ConsumeMessage): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: handler.contract.parse(JSON.parse(msg.content.toString('utf8'))) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function contextOf(handler: MessageHandler<unknown>, msg: ConsumeMessage, headers: MessageHeaderValues): MessageContext {
  return { headers, routingKey: msg.fields.routingKey, redelivered: msg.fields.redelivered, queue: handler.queue.name };
}
