// Public API of the management context.
export * from './management.module';
export * from './directory/directory.repository';
export * from './tenants/tenant.repository';
export * from './demo-seed';
export * from './management-api-app.module';
