// management: integrations keep their credentials sealed at rest (AES-256-GCM, the auth lib's
// CredentialsCipher) and one integration per provider may be its default, the one
// `POST /webhooks/:provider` targets (SPEC §5; its credentials are the env values).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementIntegrationCredentials1763900000900 implements MigrationInterface {
  name = 'ManagementIntegrationCredentials1763900000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integrations ADD COLUMN credentials_sealed text, ADD COLUMN is_default boolean NOT NULL DEFAULT false`);
    // ingress: the default integration of a provider (at most one)
    await q.query(`CREATE UNIQUE INDEX uq_integrations_default_per_provider ON integrations (provider) WHERE is_default`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_integrations_default_per_provider`);
    await q.query(`ALTER TABLE integrations DROP COLUMN is_default, DROP COLUMN credentials_sealed`);
  }
}
