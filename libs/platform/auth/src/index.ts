// Public API of the auth lib.
export * from './access.decorators';
export * from './access.guard';
export * from './api-key';
export * from './api-key.cache';
export * from './api-key-usage.ledger';
export * from './api-key-usage.recorder';
export * from './rate-limiter';
export * from './jwt.strategy';
export * from './tenant-scope';
export * from './dev-token';
export * from './credentials-cipher';
export * from './auth.module';
