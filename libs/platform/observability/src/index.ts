// Public API of the observability lib: logs, metrics, request context.
export * from './request-context';
export * from './logger';
export * from './metrics';
export * from './observability.module';
export * from './shutdown-drain';
export * from './tokens';
export * from './with-timeout';
