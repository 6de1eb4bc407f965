// management: webhook subscriptions (SPEC §9; the API arrives with issue 20). The delivery
// worker only reads them. The signing secret (`whsec_…`) is sealed at rest with the
// secrets lib's SecretBox, bound to the subscription id; during a rotation the previous
// secret stays sealed beside it until its grace ends, and both sign.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementWebhookSubscriptions1763900001000 implements MigrationInterface {
  name = 'ManagementWebhookSubscriptions1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id                          uuid PRIMARY KEY,
        tenant_id                   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        url                         text NOT NULL CHECK (url ~ '^https?://'),
        description                 text,
        -- the event types it receives; empty means every type
        event_types                 text[] NOT NULL DEFAULT '{}',
        secret_sealed               text NOT NULL,
        previous_secret_sealed      text,
        previous_secret_expires_at  timestamptz,
        enabled                     boolean NOT NULL DEFAULT true,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now(),
        CHECK ((previous_secret_sealed IS NULL) = (previous_secret_expires_at IS NULL))
      )`);
    // GET /webhooks: a tenant's subscriptions, newest first; also serves the tenant cascade
    await q.query(`CREATE INDEX idx_webhook_subscriptions_by_tenant ON webhook_subscriptions (tenant_id, created_at DESC)`);
    // the fan-out: a tenant's enabled subscriptions (event_types is matched on those few rows)
    await q.query(`CREATE INDEX idx_webhook_subscriptions_enabled_by_tenant ON webhook_subscriptions (tenant_id) WHERE enabled`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_subscriptions`);
  }
}
