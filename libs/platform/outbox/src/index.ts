// Public API of the outbox lib: commit-then-publish for every context (tables, relay, leases).
export * from './outbox-source';
export * from './outbox-rows';
export * from './outbox-table';
export * from './outbox.relay';
export * from './transactional-outbox';
export * from './outbox.module';
