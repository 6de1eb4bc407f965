// Public API of the testing lib: per-suite infrastructure, app boot, tokens, fault injection.
export * from './test-infrastructure';
export * from './test-app';
export * from './tcp-proxy';
export * from './message-counter';
export * from './table-lock';
export * from './outbox-metrics';
export * from './health-checks';
export * from './health-suite';
export * from './route-access';
export * from './fixtures';
export * from './delivery-fixtures';
export * from './webhook-receiver';
