// The event store used by both ingestion apps: grouped writes of units (events, outbox rows,
// Idempotency-Keys, audit entries) and the purge of expired keys; its outbox is a source of
// the platform relay (OutboxModule, provided by the app's platform module).
import { Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';
import { OutboxWriter } from './outbox.writer';
import { IdempotencyKeyPurge } from './idempotency-key.purge';

@Module({
  providers: [OutboxRepository, OutboxWriter, IdempotencyKeyPurge],
  exports: [OutboxWriter, IdempotencyKeyPurge],
})
export class EventStoreModule {}
