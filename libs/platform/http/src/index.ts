// Public API of the http lib: app bootstrap, envelope, exception filter, validation, health.
export * from './bootstrap';
export * from './http-app';
export * from './platform.module';
export * from './envelope';
export * from './exception.filter';
export * from './validation.pipe';
export * from './health.module';
export * from './route-body-limit';
export * from './raw-body';
export * from './openapi';
