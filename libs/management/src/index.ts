// Public API of the management context.
export * from './management.module';
export * from './directory.repository';
export * from './demo-seed';
export * from './management-api-app.module';
