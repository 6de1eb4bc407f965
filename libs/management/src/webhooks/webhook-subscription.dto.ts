// Bodies of the tenant's webhook-subscription routes (SPEC §9) and what the routes answer.
// Shapes here (400); what the values mean (https in production, catalog event types) in
// webhook-subscription.rules.ts (422).
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { DEFAULT_GRACE_PERIOD_HOURS, RotateApiKeyDto } from '../api-keys/api-key.dto';

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
}

/** Answer of create and rotate-secret: the signing secret, shown this once. */
export interface IssuedWebhookSubscription extends WebhookSubscriptionView {
  secret: string;
}
