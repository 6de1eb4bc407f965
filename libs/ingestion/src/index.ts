// Public API of the ingestion context.
export * from './ingestion.module';
export type { EventAcceptedResponse } from './event-ingestion.service';
