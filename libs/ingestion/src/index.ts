// Public API of the ingestion context.
export * from './ingestion.module';
export * from './ingestion-gateway-app.module';
export type { EventAcceptedResponse } from './event-ingestion.service';
export type { BatchAcceptedResponse, BatchItemResult } from './event-batch';
export type { NotificationAcceptedResponse } from './notification-trigger.service';
