// The management context: tenants and plans, the user directory, integrations, API keys, webhook subscriptions, the
// operator's views of events, their derived status, deliveries and replays, and its audit trail (the platform's
// auth module reads api_keys through its own read-only lookup; the guards' usage reports are
// applied here, by ApiKeyUsageConsumer).
import { Module } from '@nestjs/common';
import { credentialsCipherProvider } from '@herald/platform/auth';
import { AlertRulesController } from './alert-rules/alert-rules.controller';
import { AlertRulesReader } from './alert-rules/alert-rules.reader';
import { AlertRulesService } from './alert-rules/alert-rules.service';
import { ApiKeyController } from './api-keys/api-key.controller';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeyService } from './api-keys/api-key.service';
import { ApiKeyUsageConsumer } from './api-keys/api-key-usage.consumer';
import { AuditController } from './audit/audit.controller';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { DeliveryController } from './deliveries/delivery.controller';
import { DeliveryReader } from './deliveries/delivery.reader';
import { DeliveryService } from './deliveries/delivery.service';
import { DirectoryRepository } from './directory/directory.repository';
import { DirectoryUserController } from './directory/directory-user.controller';
import { DirectoryUserService } from './directory/directory-user.service';
import { EventTypeController } from './event-types/event-type.controller';
import { EventController } from './events/event.controller';
import { EventService } from './events/event.service';
import { EventStatusReader } from './events/event-status.reader';
import { ReplayController } from './events/replay.controller';
import { ReplayDispatchWatcher } from './events/replay-dispatch.watcher';
import { ReplayRequestRepository } from './events/replay-request.repository';
import { ReplayService } from './events/replay.service';
import { ReplayTargetReader } from './events/replay-target.reader';
import { IntegrationController } from './integrations/integration.controller';
import { IntegrationRepository } from './integrations/integration.repository';
import { IntegrationService } from './integrations/integration.service';
import { managementOutboxProvider } from './management-outbox';
import { PlanGate } from './tenants/plan-gate';
import { TenantController } from './tenants/tenant.controller';
import { TenantRepository } from './tenants/tenant.repository';
import { TenantService } from './tenants/tenant.service';
import { WebhookOperationsService } from './webhooks/webhook-operations.service';
import { WebhookSubscriptionController } from './webhooks/webhook-subscription.controller';
import { WebhookSubscriptionRepository } from './webhooks/webhook-subscription.repository';
import { WebhookSubscriptionService } from './webhooks/webhook-subscription.service';

@Module({
  controllers: [TenantController, ApiKeyController, DirectoryUserController, EventTypeController, AuditController, EventController, DeliveryController, WebhookSubscriptionController, IntegrationController, ReplayController, AlertRulesController],
  providers: [
    managementOutboxProvider,
    TenantRepository,
    TenantService,
    PlanGate,
    DirectoryRepository,
    DirectoryUserService,
    ApiKeyRepository,
    ApiKeyService,
    ApiKeyUsageConsumer,
    AuditRepository,
    AuditService,
    EventStatusReader,
    EventService,
    DeliveryReader,
    DeliveryService,
    WebhookSubscriptionRepository,
    WebhookSubscriptionService,
    WebhookOperationsService,
    credentialsCipherProvider,
    IntegrationRepository,
    IntegrationService,
    ReplayTargetReader,
    ReplayRequestRepository,
    ReplayService,
    ReplayDispatchWatcher,
    AlertRulesReader,
    AlertRulesService,
  ],
  exports: [DirectoryRepository, TenantRepository],
})
export class ManagementModule {}
