// Public API of the event-store context.
export * from './accepted-event';
export * from './outbox.writer';
export * from './event-store.module';
export * from './append-unit';
export * from './idempotency-key.purge';
