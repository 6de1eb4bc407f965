// The one list of entities and migrations, and the table → owning context map that the
// docs and a test check against (each table has exactly one writing context).
import { DirectoryUserEntity } from './entities/management/directory-user.entity';
import { IntegrationEntity } from './entities/management/integration.entity';
import { ApiKeyEntity } from './entities/management/api-key.entity';
import { TenantEntity } from './entities/management/tenant.entity';
import { ManagementAuditEntity } from './entities/management/management-audit.entity';
import { EventEntity } from './entities/event-store/event.entity';
import { OutboxEntity } from './entities/event-store/outbox.entity';
import { IdempotencyKeyEntity } from './entities/event-store/idempotency-key.entity';
import { EventAuditEntity } from './entities/event-store/event-audit.entity';
import { NotificationPreferenceEntity } from './entities/notifications/notification-preference.entity';
import { NotificationAuditEntity } from './entities/notifications/notification-audit.entity';
import { EventProcessingEntity } from './entities/notifications/event-processing.entity';
import { WebhookSubscriptionEntity } from './entities/management/webhook-subscription.entity';
import { DeliveryEntity } from './entities/delivery/delivery.entity';
import { DeliveryAttemptEntity } from './entities/delivery/delivery-attempt.entity';
import { WebhookEndpointStateEntity } from './entities/delivery/webhook-endpoint-state.entity';
import { DeliveryOutboxEntity } from './entities/delivery/delivery-outbox.entity';
import { DeliveryCircuitEntity } from './entities/delivery/delivery-circuit.entity';
import { NotificationEntity } from './entities/notifications/notification.entity';
import { NotificationRecipientEntity } from './entities/notifications/notification-recipient.entity';
import { NotificationOutboxEntity } from './entities/notifications/notification-outbox.entity';
import { ManagementOutboxEntity } from './entities/management/management-outbox.entity';
import { DeliveryRecoveryEntity } from './entities/delivery/delivery-recovery.entity';
import { DeliverySinkReceiptEntity } from './entities/ingress/delivery-sink-receipt.entity';
import { ReplayRequestEntity } from './entities/management/replay-request.entity';
import { AlertRuleSetEntity } from './entities/notifications/alert-rule-set.entity';
import { AlertRuleEntity } from './entities/notifications/alert-rule.entity';
import { ManagementInitial1763900000000 } from './migrations/1763900000000-management-initial';
import { EventStoreInitial1763900000100 } from './migrations/1763900000100-event-store-initial';
import { IngestionInitial1763900000200 } from './migrations/1763900000200-ingestion-initial';
import { NotificationsInitial1763900000300 } from './migrations/1763900000300-notifications-initial';
import { EventStoreOutboxLease1763900000400 } from './migrations/1763900000400-event-store-outbox-lease';
import { NotificationsSequence1763900000500 } from './migrations/1763900000500-notifications-sequence';
import { EventStoreDropStatus1763900000700 } from './migrations/1763900000700-event-store-drop-status';
import { ManagementApiKeys1763900000800 } from './migrations/1763900000800-management-api-keys';
import { EventStoreUnits1763900000850 } from './migrations/1763900000850-event-store-units';
import { ManagementIntegrationCredentials1763900000900 } from './migrations/1763900000900-management-integration-credentials';
import { EventStoreWebhookReceipts1763900000910 } from './migrations/1763900000910-event-store-webhook-receipts';
import { IngressDeliverySink1763900000920 } from './migrations/1763900000920-ingress-delivery-sink';
import { ManagementWebhookSubscriptions1763900001000 } from './migrations/1763900001000-management-webhook-subscriptions';
import { DeliveryInitial1763900001010 } from './migrations/1763900001010-delivery-initial';
import { DeliveryCircuits1763900001020 } from './migrations/1763900001020-delivery-circuits';
import { ManagementAudit1763900001100 } from './migrations/1763900001100-management-audit';
import { ManagementAuditEntries1763900001110 } from './migrations/1763900001110-management-audit-entries';
import { NotificationsPreferences1763900001200 } from './migrations/1763900001200-notifications-preferences';
import { ManagementAuditEntriesNotifications1763900001210 } from './migrations/1763900001210-management-audit-entries-notifications';
import { ManagementOutbox1763900001600 } from './migrations/1763900001600-management-outbox';
import { NotificationsOutbox1763900001300 } from './migrations/1763900001300-notifications-outbox';
import { NotificationsEventProcessing1763900001400 } from './migrations/1763900001400-notifications-event-processing';
import { ManagementEventStatus1763900001500 } from './migrations/1763900001500-management-event-status';
import { ManagementDeliveryViews1763900001510 } from './migrations/1763900001510-management-delivery-views';
import { DeliveryRecoveries1763900001800 } from './migrations/1763900001800-delivery-recoveries';
import { ManagementReplayRequests1763900001750 } from './migrations/1763900001750-management-replay-requests';
import { NotificationsAlertRules1763900001850 } from './migrations/1763900001850-notifications-alert-rules';
import { ManagementAlertRuleVersions1763900001860 } from './migrations/1763900001860-management-alert-rule-versions';

export const ENTITIES = [
  TenantEntity,
  DirectoryUserEntity,
  IntegrationEntity,
  ApiKeyEntity,
  ManagementAuditEntity,
  EventEntity,
  OutboxEntity,
  IdempotencyKeyEntity,
  EventAuditEntity,
  NotificationEntity,
  NotificationRecipientEntity,
  NotificationPreferenceEntity,
  NotificationAuditEntity,
  EventProcessingEntity,
  NotificationOutboxEntity,
  ManagementOutboxEntity,
  DeliverySinkReceiptEntity,
  WebhookSubscriptionEntity,
  DeliveryEntity,
  DeliveryAttemptEntity,
  WebhookEndpointStateEntity,
  DeliveryOutboxEntity,
  DeliveryCircuitEntity,
  DeliveryRecoveryEntity,
  ReplayRequestEntity,
  AlertRuleSetEntity,
  AlertRuleEntity,
];

export const MIGRATIONS = [
  ManagementInitial1763900000000,
  EventStoreInitial1763900000100,
  IngestionInitial1763900000200,
  NotificationsInitial1763900000300,
  EventStoreOutboxLease1763900000400,
  NotificationsSequence1763900000500,
  EventStoreDropStatus1763900000700,
  ManagementApiKeys1763900000800,
  EventStoreUnits1763900000850,
  ManagementIntegrationCredentials1763900000900,
  EventStoreWebhookReceipts1763900000910,
  IngressDeliverySink1763900000920,
  ManagementWebhookSubscriptions1763900001000,
  DeliveryInitial1763900001010,
  DeliveryCircuits1763900001020,
  ManagementAudit1763900001100,
  ManagementAuditEntries1763900001110,
  NotificationsPreferences1763900001200,
  ManagementAuditEntriesNotifications1763900001210,
  NotificationsOutbox1763900001300,
  NotificationsEventProcessing1763900001400,
  ManagementEventStatus1763900001500,
  ManagementDeliveryViews1763900001510,
  ManagementOutbox1763900001600,
  ManagementReplayRequests1763900001750,
  DeliveryRecoveries1763900001800,
  NotificationsAlertRules1763900001850,
  ManagementAlertRuleVersions1763900001860,
];

export type OwningContext = 'management' | 'event-store' | 'ingestion' | 'notifications' | 'ingress' | 'delivery';

export const TABLE_OWNERS: Record<string, OwningContext> = {
  tenants: 'management',
  directory_users: 'management',
  integrations: 'management',
  api_keys: 'management',
  management_audit: 'management',
  management_outbox: 'management',
  events: 'event-store',
  outbox: 'event-store',
  idempotency_keys: 'event-store',
  event_audit: 'event-store',
  notifications: 'notifications',
  notification_recipients: 'notifications',
  notification_preferences: 'notifications',
  notification_audit: 'notifications',
  event_processing: 'notifications',
  notification_outbox: 'notifications',
  delivery_sink_receipts: 'ingress',
  webhook_subscriptions: 'management',
  deliveries: 'delivery',
  delivery_attempts: 'delivery',
  webhook_endpoint_states: 'delivery',
  delivery_outbox: 'delivery',
  delivery_circuits: 'delivery',
  delivery_recoveries: 'delivery',
  replay_requests: 'management',
  alert_rule_sets: 'notifications',
  alert_rules: 'notifications',
};
