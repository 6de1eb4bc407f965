// The webhook-ingress app: its composition is WebhookIngressAppModule of the ingress context, which e2e boots too.
export { WebhookIngressAppModule as AppModule, WEBHOOK_INGRESS_DEFAULTS as APP_DEFAULTS } from '@herald/ingress';
