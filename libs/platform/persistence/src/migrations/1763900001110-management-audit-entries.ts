// management: the audit_entries view that GET /audit-entries reads — every context's audit
// table as one list (management_audit, and the event store's event_audit), joined for reads,
// nothing copied; a view writes nothing, so event_audit keeps its one writer. The event store's
// table gets the two indexes this read needs across tenants (newest first, by action).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementAuditEntries1763900001110 implements MigrationInterface {
  name = 'ManagementAuditEntries1763900001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW audit_entries AS
        SELECT 'management'::text AS source, id, tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint, created_at
          FROM management_audit
        UNION ALL
        SELECT 'event_store'::text AS source, id, tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint, created_at
          FROM event_audit`);
    // GET /audit-entries: newest first across tenants, and by action (management_audit has both already)
    await q.query(`CREATE INDEX idx_event_audit_by_created ON event_audit (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_event_audit_by_action ON event_audit (action, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_event_audit_by_action`);
    await q.query(`DROP INDEX idx_event_audit_by_created`);
    await q.query(`DROP VIEW audit_entries`);
  }
}
