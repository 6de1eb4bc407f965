// The event store used by both ingestion apps: grouped event + outbox writes; its outbox is
// a source of the platform relay (OutboxModule, provided by the app's platform module).
import { Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';
import { OutboxWriter } from './outbox.writer';

@Module({
  providers: [OutboxRepository, OutboxWriter],
  exports: [OutboxWriter],
})
export class EventStoreModule {}
