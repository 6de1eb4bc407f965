// Query of the operator's GET /audit-entries (SPEC §9) and what it answers.
import { TextFilter } from '../paging';
import { TimeWindowQueryDto } from '../time-window';

/** `from`/`to` are on the entry's time. */
export class AuditQueryDto extends TimeWindowQueryDto {
  @TextFilter()
  tenant_id?: string;

  /** e.g. `api_key`, `tenant`, `directory_user`, `event`. */
  @TextFilter()
  entity_type?: string;

  @TextFilter()
  entity_id?: string;

  /** e.g. `api_key.revoked`, `alert.published`. */
  @TextFilter()
  action?: string;

  /** `user:<sub>`, `api_key:<id>` or `operator`. */
  @TextFilter()
  actor?: string;
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
