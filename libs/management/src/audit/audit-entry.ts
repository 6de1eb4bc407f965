// What one audit entry of the management context says (SPEC §3): the request, who acted
// (`user:<sub>`, `api_key:<id>`, `operator`), the action, the entity and the sha256 of the
// RFC 8785 canonical JSON of the change — never the change itself (it may hold secrets).
import { randomUUID } from 'node:crypto';
import { Principal, TenantId } from '@herald/contracts';
import { RequestContext } from '@herald/platform/observability';
import { AuditRecord, auditActor, canonicalSha256 } from '@herald/platform/persistence';

export const OPERATOR_ACTOR = 'operator';

export interface AuditEntry extends AuditRecord {
  tenantId: TenantId;
}

/** The caller as an audit actor: a tenant principal, or the operator (x-internal-api-key). */
export type Actor = Principal | typeof OPERATOR_ACTOR;

export interface AuditedChange {
  action: string;
  entityType: string;
  entityId: string;
  /** What was changed, as JSON; only its fingerprint is kept. */
  payload: unknown;
}

/** The entry for a change made by `actor` in the request being handled. */
export function auditEntry(actor: Actor, tenantId: TenantId, change: AuditedChange): AuditEntry {
  return {
    tenantId,
    requestId: RequestContext.requestId() ?? randomUUID(),
    actor: actor === OPERATOR_ACTOR ? OPERATOR_ACTOR : auditActor(actor),
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    fingerprint: canonicalSha256(change.payload ?? null),
  };
}
