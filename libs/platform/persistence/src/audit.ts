// Audit entries (SPEC §3): each context records what it audits in its own table (the event
// store's `event_audit`, the notifications' `notification_audit`, management's own), all of
// one shape, so management's audit views can read them together. This is that shape: the
// DDL a context's migration runs, the insert it runs in the transaction of the audited
// change, and the fingerprint — sha256 of the RFC 8785 canonical JSON of what was acted on.
import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { Column, DataSource, EntityManager, PrimaryGeneratedColumn } from 'typeorm';
import { Principal } from '@herald/contracts';

export interface AuditRecord {
  tenantId: string;
  requestId: string;
  /** `user:<sub>`, `api_key:<id>` or `operator`. */
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  /** canonicalSha256 of what the action was about. */
  fingerprint: string;
}

/** sha256 (hex) of the RFC 8785 canonical JSON of a value: audit fingerprints, request hashes. */
export function canonicalSha256(value: unknown): string {
  return createHash('sha256').update(canonicalize(value)).digest('hex');
}

/** The audit actor of a caller. */
export function auditActor(principal: Principal): string {
  return `${principal.kind}:${principal.subject}`;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/** The statements a context's migration runs to create its audit table. */
export function auditTableDdl(table: string): string[] {
  if (!TABLE_NAME.test(table)) throw new Error(`not a table name: ${table}`);
  return [
    `CREATE TABLE ${table} (
       id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       tenant_id    text NOT NULL,
       request_id   text NOT NULL,
       actor        text NOT NULL,
       action       text NOT NULL,
       entity_type  text NOT NULL,
       entity_id    text NOT NULL,
       fingerprint  text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
       created_at   timestamptz NOT NULL DEFAULT now()
     )`,
    // a tenant's audit trail, newest first, and an entity's history
    `CREATE INDEX idx_${table}_by_tenant ON ${table} (tenant_id, created_at DESC)`,
    `CREATE INDEX idx_${table}_by_entity ON ${table} (entity_type, entity_id)`,
  ];
}

/** Inserts audit records into a context's audit table, inside the caller's transaction. */
export async function insertAuditRecords(db: DataSource | EntityManager, table: string, records: readonly AuditRecord[]): Promise<void> {
  if (!TABLE_NAME.test(table)) throw new Error(`not a table name: ${table}`);
  if (records.length === 0) return;
  await db.query(
    `INSERT INTO ${table} (tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      records.map((r) => r.tenantId),
      records.map((r) => r.requestId),
      records.map((r) => r.actor),
      records.map((r) => r.action),
      records.map((r) => r.entityType),
      records.map((r) => r.entityId),
      records.map((r) => r.fingerprint),
    ],
  );
}

/** The columns of every audit table; each context's audit entity extends it with its own @Entity name. */
export abstract class AuditColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text', name: 'request_id' })
  requestId: string;

  /** `user:<sub>`, `api_key:<id>` or `operator`. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', name: 'entity_type' })
  entityType: string;

  @Column({ type: 'text', name: 'entity_id' })
  entityId: string;

  /** sha256 (hex) of the RFC 8785 canonical JSON of what was acted on. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
