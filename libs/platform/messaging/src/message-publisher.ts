// The one publisher: persistent JSON messages on a confirm channel. `publish` resolves only
// when the broker confirms; many calls in flight are pipelined on the channel, so callers
// publish a batch with Promise.all instead of awaiting messages one by one.
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { MessageHeaders, MessageHeaderValues } from '@herald/contracts';
import { Metrics, withTimeout } from '@herald/platform/observability';
import { AmqpConnection } from './amqp-connection';

export interface OutgoingMessage {
  /** Unprefixed exchange name (Exchanges.*), or '' for the default exchange. */
  exchange: string;
  routingKey: string;
  body: unknown;
  headers: MessageHeaderValues & Record<string, string | number>;
  messageType?: string;
  messageId?: string;
}

const STARTUP_TIMEOUT_MS = 15_000;

@Injectable()
export class MessagePublisher implements OnApplicationBootstrap {
  private readonly channel: ChannelWrapper;

  constructor(
    @Inject(AmqpConnection) private readonly connection: AmqpConnection,
    private readonly metrics: Metrics,
  ) {
    this.channel = connection.createChannel('publisher');
  }

  async publish(message: OutgoingMessage): Promise<void> {
    return this.publishRaw(message.exchange, message.routingKey, Buffer.from(JSON.stringify(message.body)), message);
  }

  /** Re-publishes already-encoded content (retries and dead-letters keep the original bytes). */
  async publishRaw(
    exchange: string,
    routingKey: string,
    content: Buffer,
    meta: Pick<OutgoingMessage, 'headers' | 'messageType' | 'messageId'>,
  ): Promise<void> {
    const target = exchange === '' ? '' : this.connection.names.exchange(exchange);
    await this.channel.publish(target, routingKey, content, {
      persistent: true,
      contentType: 'application/json',
      messageId: meta.messageId ?? meta.headers.event_id ?? randomUUID(),
      type: meta.messageType,
      timestamp: Math.floor(Date.now() / 1000),
      headers: { ...meta.headers, [MessageHeaders.messageType]: meta.messageType ?? '' },
    });
    this.metrics.messagesPublished.inc({ exchange: exchange || '(default)' });
  }

  /** The app does not start (and so never reports ready) until the broker answers. */
  async onApplicationBootstrap(): Promise<void> {
    await withTimeout(this.channel.waitForConnect(), STARTUP_TIMEOUT_MS, 'cannot connect to RabbitMQ at AMQP_URL within 15 s');
  }
}
