// The one publisher: persistent JSON messages on a confirm channel. `publish` resolves only
// when the broker confirms; many calls in flight are pipelined on the channel, so callers
// publish a batch with Promise.all instead of awaiting messages one by one. A `mandatory`
// publish that no queue takes is returned by the broker and rejects instead of resolving.
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ConfirmChannel, Message } from 'amqplib';
import { MessageHeaders, MessageHeaderValues } from '@herald/contracts';
import { Metrics, withTimeout } from '@herald/platform/observability';
import { AmqpConnection } from './amqp-connection';
import { RecoveringChannel } from './recovering-channel';

export interface OutgoingMessage {
  /** Unprefixed exchange name (Exchanges.*), or '' for the default exchange. */
  exchange: string;
  routingKey: string;
  body: unknown;
  headers: MessageHeaderValues & Record<string, string | number>;
  messageType?: string;
  messageId?: string;
  /** Reject the publish when no queue takes the message (and no alternate exchange does). */
  mandatory?: boolean;
}

export type PublishOptions = Pick<OutgoingMessage, 'headers' | 'messageType' | 'messageId' | 'mandatory'>;

/** The broker returned a mandatory message: nothing was bound to take it. */
export class UnroutableMessageError extends Error {
  constructor(
    readonly exchange: string,
    readonly routingKey: string,
  ) {
    super(`no queue took the message published to "${exchange || '(default)'}" with routing key "${routingKey}"`);
    this.name = 'UnroutableMessageError';
  }
}

const STARTUP_TIMEOUT_MS = 15_000;
/** Header that ties a returned message (basic.return) to the publish that sent it. */
const PUBLISH_ID_HEADER = 'publish_id';

@Injectable()
export class MessagePublisher implements OnApplicationBootstrap {
  private readonly channel: RecoveringChannel;
  /** Mandatory publishes awaiting their confirm, and whether the broker returned them. */
  private readonly returned = new Map<string, boolean>();

  constructor(
    @Inject(AmqpConnection) private readonly connection: AmqpConnection,
    private readonly metrics: Metrics,
  ) {
    this.channel = connection.createRecoveringChannel('publisher', async (channel: ConfirmChannel) => {
      channel.on('return', (msg: Message) => this.onReturn(msg));
    });
  }

  async publish(message: OutgoingMessage): Promise<void> {
    return this.publishRaw(message.exchange, message.routingKey, Buffer.from(JSON.stringify(message.body)), message);
  }

  /** Re-publishes already-encoded content (retries and dead-letters keep the original bytes). */
  async publishRaw(exchange: string, routingKey: string, content: Buffer, meta: PublishOptions): Promise<void> {
    const target = exchange === '' ? '' : this.connection.names.exchange(exchange);
    const publishId = meta.mandatory ? randomUUID() : undefined;
    if (publishId) this.returned.set(publishId, false);
    try {
      await this.channel.current.publish(target, routingKey, content, {
        persistent: true,
        mandatory: meta.mandatory ?? false,
        contentType: 'application/json',
        messageId: meta.messageId ?? meta.headers.event_id ?? randomUUID(),
        type: meta.messageType,
        timestamp: Math.floor(Date.now() / 1000),
        headers: { ...meta.headers, [MessageHeaders.messageType]: meta.messageType ?? '', ...(publishId && { [PUBLISH_ID_HEADER]: publishId }) },
      });
      // The broker sends basic.return before the confirm, so a returned message is known by now.
      if (publishId && this.returned.get(publishId)) throw new UnroutableMessageError(target, routingKey);
    } finally {
      if (publishId) this.returned.delete(publishId);
    }
    this.metrics.messagesPublished.inc({ exchange: exchange || '(default)' });
  }

  /** Messages waiting in the channel's memory buffer to be sent (the outbox keeps this near zero while the broker is away). */
  bufferedMessages(): number {
    return this.channel.current.queueLength();
  }

  /** The app does not start (and so never reports ready) until the broker answers. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await withTimeout(this.channel.whenReady(), STARTUP_TIMEOUT_MS, 'cannot connect to RabbitMQ at AMQP_URL within 15 s');
    } catch (err) {
      const refused = this.channel.failure;
      throw refused ? new Error(`RabbitMQ refused the publisher's channel setup: ${refused}`) : err;
    }
  }

  private onReturn(msg: Message): void {
    const publishId: unknown = msg.properties.headers?.[PUBLISH_ID_HEADER];
    if (typeof publishId === 'string' && this.returned.has(publishId)) this.returned.set(publishId, true);
  }
}
