// Public API of the ingress context.
export type { InboundWebhook, NormalizedWebhookEvent, ProviderCredentials, WebhookProvider } from './webhook-provider';
export { readVerifiedWebhook } from './webhook-provider';
export { ProviderRegistry } from './provider.registry';
export { defaultIntegrationCredentials } from './default-integration';
export { IngressModule } from './ingress.module';
export { WebhookIngressAppModule, WEBHOOK_INGRESS_DEFAULTS } from './webhook-ingress-app.module';
export type { WebhookReceipt } from './webhook-receipt.service';
export type { SinkReceipt } from './delivery-sink.repository';
