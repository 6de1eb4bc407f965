// management: the sequence that numbers the alert-rule sets the management API sends to the
// notifications context (a version increases per tenant, so the owner applies the newest and
// ignores a late older one); and a GIN index on directory_users.attributes so rule-based
// recipients (`attributes.<name>` eq / in) are found through the index, not a tenant scan.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementAlertRuleVersions1763900001860 implements MigrationInterface {
  name = 'ManagementAlertRuleVersions1763900001860';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE alert_rule_versions AS bigint`);
    await q.query(`CREATE INDEX idx_directory_users_attributes ON directory_users USING gin (attributes jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_directory_users_attributes`);
    await q.query(`DROP SEQUENCE alert_rule_versions`);
  }
}
