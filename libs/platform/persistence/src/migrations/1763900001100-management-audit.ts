// management: its audit trail (SPEC §3: key changes, tenant and plan changes, directory
// writes), indexes for the tenant, API-key and directory routes, and one active key per name.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementAudit1763900001100 implements MigrationInterface {
  name = 'ManagementAudit1763900001100';

  async up(q: QueryRunner): Promise<void> {
    // an audit entry has one shape in every context: the event store's event_audit columns
    // (with its own identity), so the audit routes can read both tables as one
    await q.query(`CREATE TABLE management_audit (LIKE event_audit INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY)`);
    await q.query(`ALTER TABLE management_audit ADD PRIMARY KEY (id)`);
    // GET /audit-entries: newest first across tenants, by tenant, by entity, by action
    await q.query(`CREATE INDEX idx_management_audit_by_created ON management_audit (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_management_audit_by_tenant ON management_audit (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX idx_management_audit_by_entity ON management_audit (entity_type, entity_id, created_at DESC)`);
    await q.query(`CREATE INDEX idx_management_audit_by_action ON management_audit (action, created_at DESC)`);
    // GET /tenants: newest first
    await q.query(`CREATE INDEX idx_tenants_by_created ON tenants (created_at DESC, id)`);
    // POST /api-keys: a name names one live key of a tenant (a rotated key in its grace and a revoked one free it)
    await q.query(`CREATE UNIQUE INDEX uq_api_keys_live_name ON api_keys (tenant_id, name) WHERE revoked_at IS NULL AND grace_until IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_api_keys_live_name`);
    await q.query(`DROP INDEX idx_tenants_by_created`);
    await q.query(`DROP TABLE management_audit`);
  }
}
