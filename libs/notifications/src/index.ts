// Public API of the notifications context.
export * from './notifications.module';
export * from './event-notification.consumer';
export * from './alert-routing';
export * from './recipient.resolver';
export { NOTIFICATION_ORDER_LOCK } from './notification.repository';
export * from './notification-service-app.module';
