// The ingestion-gateway app: its composition is IngestionGatewayAppModule of the ingestion context, which e2e boots too.
export { IngestionGatewayAppModule as AppModule, INGESTION_GATEWAY_DEFAULTS as APP_DEFAULTS } from '@herald/ingestion';
