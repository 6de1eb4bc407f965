// Body of `PUT /alert-rules` (SPEC §9) and what GET and PUT answer. Shapes here (400); what
// the values mean (catalog types, scopes, severities, roles, action URLs) in
// alert-rules.rules.ts (422, naming `rules[i].<field>`).
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ALERT_RULE_LIMITS, AlertAction, AlertRule } from '@herald/contracts';

export class AlertActionDto {
  @IsString()
  label!: string;

  @IsString()
  url!: string;
}

export class AlertRuleDto {
  @IsString()
  event_type!: string;

  /** Absent or null: every severity. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  severities?: string[] | null;

  @IsString()
  scope!: string;

  @IsArray()
  @IsString({ each: true })
  roles!: string[];

  @IsOptional()
  @IsString()
  title?: string | null;

  @IsOptional()
  @IsString()
  summary?: string | null;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AlertActionDto)
  actions?: AlertActionDto[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** The tenant's whole rule set; `[]` removes every override. */
export class PutAlertRulesDto {
  /** Optional; another tenant's is 403 (the caller's tenant is the one changed). */
  @IsOptional()
  @IsString()
  tenant_id?: string;

  @IsArray()
  // the count is a 422 (rules.rules); this only keeps a hostile array from being walked
  @ArrayMaxSize(ALERT_RULE_LIMITS.rules * 10)
  @ValidateNested({ each: true })
  @Type(() => AlertRuleDto)
  rules!: AlertRuleDto[];
}

/** An event type's default route (declared beside its schema), shown beside the overrides. */
export interface DefaultAlertRouteView {
  event_type: string;
  scope: string;
  roles: string[];
  title: string;
}

/** GET: the rule set the notification service has applied (version 0 and no rules before any). */
export interface AlertRulesView {
  version: number;
  applied_at: string | null;
  rules: AlertRule[];
  defaults: DefaultAlertRouteView[];
}

/** PUT: accepted, applied by the notification service shortly after; GET shows `version` once it is. */
export interface AlertRulesAccepted {
  version: number;
  status: 'pending';
  rules: AlertRule[];
}

export type { AlertAction };
