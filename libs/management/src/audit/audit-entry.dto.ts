// Query of the operator's GET /audit-entries (SPEC §9) and what it answers.
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../paging';

export class AuditQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  tenant_id?: string;

  /** e.g. `api_key`, `tenant`, `directory_user`, `event`. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  entity_type?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  entity_id?: string;

  /** e.g. `api_key.revoked`, `alert.published`. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  action?: string;

  /** `user:<sub>`, `api_key:<id>` or `operator`. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  /** Entries at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Entries before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export interface AuditEntryView {
  /** Which context recorded it: `management`, `event_store` or `notifications`. */
  source: string;
  id: string;
  tenant_id: string;
  request_id: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** sha256 (hex) of the canonical JSON of the change. */
  fingerprint: string;
  created_at: string;
}
