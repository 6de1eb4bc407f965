// management: tenants, the user directory, provider integrations.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementInitial1763900000000 implements MigrationInterface {
  name = 'ManagementInitial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id          text PRIMARY KEY,
        name        text NOT NULL,
        plan        text NOT NULL DEFAULT 'starter' CHECK (plan IN ('starter', 'growth', 'scale', 'enterprise')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE directory_users (
        tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id          text NOT NULL,
        email       text,
        phone       text,
        roles       text[] NOT NULL DEFAULT '{}',
        groups      text[] NOT NULL DEFAULT '{}',
        attributes  jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    // recipient resolution by role and by group within a tenant
    await q.query(`CREATE INDEX idx_directory_users_roles ON directory_users USING gin (roles)`);
    await q.query(`CREATE INDEX idx_directory_users_groups ON directory_users USING gin (groups)`);
    await q.query(`
      CREATE TABLE integrations (
        id            uuid PRIMARY KEY,
        tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        provider      text NOT NULL,
        active        boolean NOT NULL DEFAULT true,
        callback_url  text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_integrations_tenant_provider UNIQUE (tenant_id, provider)
      )`);
    // ingress: which tenant's integration receives a provider's webhook
    await q.query(`CREATE INDEX idx_integrations_provider_active ON integrations (provider) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integrations`);
    await q.query(`DROP TABLE directory_users`);
    await q.query(`DROP TABLE tenants`);
  }
}
