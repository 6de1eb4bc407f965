// management_audit: its writes (the management context is its only writer; an entry is
// written with the change it records, in the change's transaction: repositories pass their
// transaction's EntityManager to `recordAudit`), and reads of every context's entries through
// the audit_entries view.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { insertAuditRecords } from '@herald/platform/persistence';
import { PageWindow, queryPage } from '../paging';
import { AuditEntry } from './audit-entry';
import { AuditEntryView } from './audit-entry.dto';

export function recordAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
  return insertAuditRecords(tx, 'management_audit', [entry]);
}

/** Every filter is optional; the entries match all the given ones. */
export interface AuditFilter {
  tenantId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
}

type AuditRow = Omit<AuditEntryView, 'created_at'> & { created_at: Date };

// each condition reaches both tables of the view (by_tenant, by_entity, by_action, by_created indexes)
const SELECT_ENTRIES = `
  SELECT source, id::text AS id, tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint, created_at
    FROM audit_entries
   WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR entity_type = $2) AND ($3::text IS NULL OR entity_id = $3)
     AND ($4::text IS NULL OR action = $4) AND ($5::text IS NULL OR actor = $5)
     AND ($6::timestamptz IS NULL OR created_at >= $6) AND ($7::timestamptz IS NULL OR created_at < $7)`;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** An entry for something that changed nothing else (an operator's read of a raw snapshot). */
  record(entry: AuditEntry): Promise<void> {
    return recordAudit(this.dataSource.manager, entry);
  }

  /** One page of audit entries across tenants and contexts, newest first. */
  async list(window: PageWindow, filter: AuditFilter): Promise<{ items: AuditEntryView[]; total: number }> {
    const params = [filter.tenantId, filter.entityType, filter.entityId, filter.action, filter.actor, filter.from, filter.to].map((v) => v ?? null);
    const { rows, total } = await queryPage<AuditRow>(this.dataSource, SELECT_ENTRIES, params, 'created_at DESC, id DESC, source', window);
    return { items: rows.map(({ created_at, ...entry }) => ({ ...entry, created_at: created_at.toISOString() })), total };
  }
}
