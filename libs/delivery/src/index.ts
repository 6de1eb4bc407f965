// Public API of the delivery context.
export type { AttemptErrorClass, AttemptOutcome, ChannelResponse, ChannelSender, DeliveryAttempt, DeliveryJob, SendContext } from './channel-sender';
export { ChannelRegistry } from './channel.registry';
export { DeliveryModule } from './delivery.module';
export { DeliveryWorkerAppModule, DELIVERY_WORKER_DEFAULTS } from './delivery-worker-app.module';
