// The event store used by both ingestion apps: grouped outbox writes and the relay.
import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';
import { OutboxWriter } from './outbox.writer';

@Module({
  providers: [OutboxRepository, OutboxWriter, OutboxRelay],
  exports: [OutboxWriter, OutboxRelay],
})
export class EventStoreModule {}
