// The delivery-worker app: its composition is DeliveryWorkerAppModule of the delivery context, which e2e boots too.
export { DeliveryWorkerAppModule as AppModule, DELIVERY_WORKER_DEFAULTS as APP_DEFAULTS } from '@herald/delivery';
