// Bodies of the tenant's API-key routes (SPEC §3, §9) and what the routes answer. Shapes
// here (400); what the values mean (known scopes, a future expiry) in api-key.rules.ts (422).
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const MAX_RATE_LIMIT_PER_HOUR = 1_000_000;
export const DEFAULT_GRACE_PERIOD_HOURS = 24;
export const MAX_GRACE_PERIOD_HOURS = 168;

export class CreateApiKeyDto {
  /** Optional; another tenant's is 403. */
  @IsOptional()
  @IsString()
  tenant_id?: string;

  @IsString()
  @Length(1, 100)
  name!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  scopes!: string[];

  /** Requests per hour; default 1000 (SPEC §3). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE_LIMIT_PER_HOUR)
  rate_limit?: number;

  @IsOptional()
  @IsISO8601({ strict: true })
  expires_at?: string;
}

export class RotateApiKeyDto {
  /** How long the old key keeps working: 0–168 hours, default 24. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_PERIOD_HOURS)
  grace_period_hours?: number;
}

export type ApiKeyStatus = 'active' | 'rotated' | 'expired' | 'revoked';

/** A key as every route shows it: never the key itself nor its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rate_limit: number;
  status: ApiKeyStatus;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  /** A rotated key works until then. */
  grace_until: string | null;
  /** The key this one replaced. */
  rotated_from: string | null;
}

/** Answer of create and rotate: the key, shown this once. */
export interface IssuedApiKey extends ApiKeyView {
  key: string;
}
