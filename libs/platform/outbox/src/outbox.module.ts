// The outbox relay and the transactional outbox, one of each per app; contexts that publish
// register their outbox tables (or, for the event store, their own OutboxSource) with it.
import { Global, Module } from '@nestjs/common';
import { OutboxRelay } from './outbox.relay';
import { TransactionalOutbox } from './transactional-outbox';

@Global()
@Module({
  providers: [OutboxRelay, TransactionalOutbox],
  exports: [OutboxRelay, TransactionalOutbox],
})
export class OutboxModule {}
