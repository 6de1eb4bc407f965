// Bodies of the tenant's webhook-subscription routes (SPEC §9) and what the routes answer.
// Shapes here (400); what the values mean (https in production, catalog event types) in
// webhook-subscription.rules.ts (422).
import { ArrayMaxSize, IsArray, IsBoolean, IsISO8601, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { DEFAULT_GRACE_PERIOD_HOURS, RotateApiKeyDto } from '../api-keys/api-key.dto';
import { DeliveryAttemptView } from '../deliveries/delivery.dto';

export { DEFAULT_GRACE_PERIOD_HOURS };

const URL_RULE = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const MAX_EVENT_TYPES = 50;

/** What create and PATCH share, all optional; `description: null` clears it. */
class WebhookSubscriptionSettingsDto {
  /** Catalog types or wildcards `prefix.*`; empty or absent: every type. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVENT_TYPES)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  event_types?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class CreateWebhookSubscriptionDto extends WebhookSubscriptionSettingsDto {
  @IsUrl(URL_RULE)
  @MaxLength(2048)
  url!: string;
}

export class UpdateWebhookSubscriptionDto extends WebhookSubscriptionSettingsDto {
  @IsOptional()
  @IsUrl(URL_RULE)
  @MaxLength(2048)
  url?: string;
}

/** How long the old secret keeps signing: 0–168 hours, default 24 (as for an API key). */
export class RotateWebhookSecretDto extends RotateApiKeyDto {}

/** A subscription as every route shows it: never a secret, sealed or not. */
export interface WebhookSubscriptionView {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  enabled: boolean;
  created_at: string;
  updated_at: string;
  /** While a rotated-out secret still signs: when it stops. */
  previous_secret_expires_at: string | null;
  /**
   * Set while the delivery worker holds the endpoint disabled (it answered 410, or failed for 5
   * days; `reason` says which) although `enabled` is true: its deliveries wait. Any PATCH
   * (e.g. `{enabled: true}`) clears it and sends what waited.
   */
  endpoint_disabled: { at: string; reason: string } | null;
}

/** Answer of create and rotate-secret: the signing secret, shown this once. */
export interface IssuedWebhookSubscription extends WebhookSubscriptionView {
  secret: string;
}

/** POST /webhooks/:id/recover: the window `[since, until)` of deliveries to re-send (ISO 8601). */
export class RecoverWebhookDto {
  @IsISO8601({ strict: true })
  since!: string;

  @IsISO8601({ strict: true })
  until!: string;
}

/** Answer of POST /webhooks/:id/recover (202): the command is committed; the worker re-queues. */
export interface WebhookRecoverAccepted {
  recover_request_id: string;
  subscription_id: string;
  since: string;
  until: string;
}

/** The test delivery's one attempt, as the worker recorded it. */
export type WebhookTestAttempt = Omit<DeliveryAttemptView, 'attempt'>;

/**
 * Answer of POST /webhooks/:id/test: 200 with the attempt once the worker made it, or 202
 * with `status: pending` and no attempt when it did not within WEBHOOK_TEST_TIMEOUT_MS (see it
 * later in GET /webhooks/:id/deliveries).
 */
export interface WebhookTestResult {
  delivery_id: string;
  /** The `webhook-id` header the receiver got (the delivery id). */
  webhook_id: string;
  event_type: string;
  status: 'succeeded' | 'failed' | 'pending';
  attempt: WebhookTestAttempt | null;
}
