// The SQL every outbox table shares: the lease claim, delete after confirm, early release,
// and the DDL a context's migration uses to create its own outbox table.
import { DataSource, EntityManager } from 'typeorm';

const TABLE_NAME = /^[a-z][a-z0-9_]*$/;

export function assertTableName(table: string): string {
  if (!TABLE_NAME.test(table)) throw new Error(`invalid outbox table name "${table}"`);
  return table;
}

/**
 * A CTE `claimed` that leases the oldest claimable rows ($1 = lease ms, $2 = limit) with SKIP
 * LOCKED, so replicas claim disjoint rows; the caller appends the SELECT over `claimed`.
 */
export function claimCte(table: string, returning: string): string {
  return `WITH claimed AS (
            UPDATE ${table} SET claimed_until = now() + make_interval(secs => $1::double precision / 1000)
            WHERE id IN (SELECT id FROM ${table} WHERE claimed_until <= now()
                         ORDER BY claimed_until, id LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING ${returning})`;
}

export async function removeRows(db: DataSource | EntityManager, table: string, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.query(`DELETE FROM ${table} WHERE id = ANY($1::bigint[])`, [ids]);
}

export async function releaseRows(db: DataSource | EntityManager, table: string, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.query(`UPDATE ${table} SET claimed_until = now() WHERE id = ANY($1::bigint[])`, [ids]);
}

/** The statements a context's migration runs to create its outbox table (see OutboxTable). */
export function outboxTableDdl(table: string): string[] {
  assertTableName(table);
  return [
    `CREATE TABLE ${table} (
       id             bigserial PRIMARY KEY,
       exchange       text NOT NULL,
       routing_key    text NOT NULL,
       message_type   text,
       message_id     text,
       headers        jsonb NOT NULL,
       body           jsonb NOT NULL,
       -- the relay's lease: a row is published by the replica holding it until then
       claimed_until  timestamptz NOT NULL DEFAULT now(),
       created_at     timestamptz NOT NULL DEFAULT now()
     )`,
    // the relay's sweep: claimable rows, oldest lease first
    `CREATE INDEX idx_${table}_claimable ON ${table} (claimed_until)`,
  ];
}
