// ingestion: idempotency keys of creating POSTs.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestionInitial1763900000200 implements MigrationInterface {
  name = 'IngestionInitial1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id      text NOT NULL,
        key            text NOT NULL,
        request_hash   text NOT NULL,
        status_code    integer NOT NULL,
        response_body  jsonb NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, key)
      )`);
    // purge of expired keys
    await q.query(`CREATE INDEX idx_idempotency_keys_expires ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
