// Public API of the persistence lib: data source, migrations, entities per owning context.
export * from './schema';
export * from './data-source';
export * from './database-errors';
export * from './persistence.module';
export * from './entities/management/tenant.entity';
export * from './entities/management/directory-user.entity';
export * from './entities/management/integration.entity';
export * from './entities/management/api-key.entity';
export * from './entities/management/management-audit.entity';
export * from './entities/event-store/event.entity';
export * from './entities/event-store/outbox.entity';
export * from './entities/event-store/idempotency-key.entity';
export * from './entities/event-store/event-audit.entity';
export * from './entities/notifications/notification.entity';
export * from './entities/notifications/notification-recipient.entity';
export * from './redis.module';
