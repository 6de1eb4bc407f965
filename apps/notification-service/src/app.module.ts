// The notification-service app: its composition is NotificationServiceAppModule of the notifications context, which e2e boots too.
export { NotificationServiceAppModule as AppModule, NOTIFICATION_SERVICE_DEFAULTS as APP_DEFAULTS } from '@herald/notifications';
