// Writes of management_audit (the management context is its only writer). An entry is
// written with the change it records, in the change's transaction: repositories pass
// their transaction's EntityManager to `recordAudit`.
import { EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry';

const INSERT_AUDIT = `
  INSERT INTO management_audit (tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

export async function recordAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
  await tx.query(INSERT_AUDIT, [entry.tenantId, entry.requestId, entry.actor, entry.action, entry.entityType, entry.entityId, entry.fingerprint]);
}
