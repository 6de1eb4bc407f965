// Bodies and query of the operator's integration routes (SPEC §9 GET/POST /integrations,
// PATCH /integrations/:id) and what they answer. Shapes here (400); what the values mean
// (a registered provider, its credential fields, https in production, an existing tenant)
// in integration.rules.ts and the service (422).
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto, TextFilter } from '../paging';

const URL_RULE = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** What create and PATCH share, all optional on PATCH. */
class IntegrationSettingsDto {
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** Where the delivery worker sends the provider's normalized events; null clears it. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl(URL_RULE)
  @MaxLength(2048)
  callback_url?: string | null;

  /**
   * Write-only: the provider's credential fields (acme `{secret}`, globex `{token}`), sealed at
   * rest and never shown again. Replaces the whole set on PATCH.
   */
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;

  /** The provider's default integration (`POST /webhooks/:provider`; at most one per provider). */
  @IsOptional()
  @IsBoolean()
  is_default?: boolean;
}

export class CreateIntegrationDto extends IntegrationSettingsDto {
  @IsString()
  @Length(1, 64)
  tenant_id!: string;

  @IsString()
  @Length(1, 64)
  provider!: string;
}

/** `tenant_id` and `provider` may be given but not changed: an integration stays the tenant's, for one provider. */
export class UpdateIntegrationDto extends IntegrationSettingsDto {
  @IsOptional()
  @IsString()
  @Length(1, 64)
  tenant_id?: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  provider?: string;
}

export class IntegrationListQueryDto extends PageQueryDto {
  @TextFilter()
  provider?: string;

  @TextFilter()
  tenant_id?: string;

  /** `true`: active integrations only. */
  @IsOptional()
  @IsIn(['true', 'false'])
  active_only?: 'true' | 'false';
}

/** An integration as every route shows it: never its credentials, sealed or not. */
export interface IntegrationView {
  id: string;
  tenant_id: string;
  provider: string;
  active: boolean;
  callback_url: string | null;
  is_default: boolean;
  has_credentials: boolean;
  created_at: string;
  updated_at: string;
}
