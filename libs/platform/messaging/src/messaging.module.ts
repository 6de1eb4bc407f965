// Wires the broker connection, the publisher and the consumer host into an app; the consumer
// host is exported so health checks can ask it for readiness.
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AmqpConnection } from './amqp-connection';
import { ConsumerHost } from './consumer-host';
import { MessagePublisher } from './message-publisher';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [AmqpConnection, MessagePublisher, ConsumerHost],
  exports: [AmqpConnection, MessagePublisher, ConsumerHost],
})
export class MessagingModule {}
