// management: API keys (SPEC §3). Only a sha256 of the secret is stored; the guard of every
// app finds a key by its prefix (ApiKeyLookup). A rotated key keeps working until
// grace_until; its successor names it in rotated_from.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementApiKeys1763900000800 implements MigrationInterface {
  name = 'ManagementApiKeys1763900000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id            uuid PRIMARY KEY,
        tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name          text NOT NULL,
        prefix        text NOT NULL,
        hash          text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        scopes        text[] NOT NULL DEFAULT '{}',
        rate_limit    integer NOT NULL DEFAULT 1000 CHECK (rate_limit > 0),
        last_used_at  timestamptz,
        expires_at    timestamptz,
        revoked_at    timestamptz,
        rotated_from  uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        grace_until   timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // the guard's lookup of a presented key by its prefix (and no two keys share one)
    await q.query(`CREATE UNIQUE INDEX uq_api_keys_by_prefix ON api_keys (prefix)`);
    // GET /api-keys: a tenant's keys, newest first; also serves the tenant cascade
    await q.query(`CREATE INDEX idx_api_keys_by_tenant ON api_keys (tenant_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
  }
}
