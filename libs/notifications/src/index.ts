// Public API of the notifications context.
export * from './notifications.module';
export * from './event-notification.consumer';
export * from './alert-routing';
export * from './recipient.resolver';
export { NOTIFICATION_ORDER_LOCK } from './notification-batch';
export * from './notification-service-app.module';
export { LIVE_NOTIFICATIONS_QUEUE } from './live/live-fanout.consumer';
export { LiveStreams } from './live/live-streams';
export type { LiveNotificationMessage } from './live/live-notification.message';
