// Public API of the management context: its module and the app's composition, the demo seed,
// and the shapes its routes answer (for clients and tests).
export * from './management.module';
export * from './directory/directory.repository';
export * from './tenants/tenant.repository';
export * from './demo-seed';
export * from './management-api-app.module';
export type { TenantView } from './tenants/tenant.dto';
export type { ApiKeyView, IssuedApiKey } from './api-keys/api-key.dto';
export type { RotatedApiKey } from './api-keys/api-key.service';
export type { DirectoryUserView } from './directory/directory-user.dto';
export type { EventTypeView } from './event-types/event-type.controller';
export type { AuditEntryView } from './audit/audit-entry.dto';
export type { EventDetail, EventListItem, EventStatusView } from './events/event.dto';
export type { IssuedWebhookSubscription, WebhookRecoverAccepted, WebhookSubscriptionView, WebhookTestResult } from './webhooks/webhook-subscription.dto';
export type { DeliveryView, DeliveryWithAttempts } from './deliveries/delivery.dto';
export type { IntegrationView } from './integrations/integration.dto';
export type { ReplayAccepted, ReplayRequestView } from './events/replay.dto';
export type { AlertRulesAccepted, AlertRulesView } from './alert-rules/alert-rules.dto';
