// Public API of the ingestion context.
export * from './ingestion.module';
export * from './publish-event.dto';
export * from './ingestion-gateway-app.module';
