// management: the audit_entries view also reads the notifications' audit table (preference
// changes), so GET /audit-entries lists every context's entries; and notification_audit gets
// the indexes that read needs across tenants (newest first, by action).
import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = 'id, tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint, created_at';

export class ManagementAuditEntriesNotifications1763900001210 implements MigrationInterface {
  name = 'ManagementAuditEntriesNotifications1763900001210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW audit_entries AS
        SELECT 'management'::text AS source, ${COLUMNS} FROM management_audit
        UNION ALL
        SELECT 'event_store'::text AS source, ${COLUMNS} FROM event_audit
        UNION ALL
        SELECT 'notifications'::text AS source, ${COLUMNS} FROM notification_audit`);
    await q.query(`CREATE INDEX idx_notification_audit_by_created ON notification_audit (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_notification_audit_by_action ON notification_audit (action, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_notification_audit_by_action`);
    await q.query(`DROP INDEX idx_notification_audit_by_created`);
    await q.query(`
      CREATE OR REPLACE VIEW audit_entries AS
        SELECT 'management'::text AS source, ${COLUMNS} FROM management_audit
        UNION ALL
        SELECT 'event_store'::text AS source, ${COLUMNS} FROM event_audit`);
  }
}
