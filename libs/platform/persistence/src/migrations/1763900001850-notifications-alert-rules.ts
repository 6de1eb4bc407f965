// notifications: a tenant's alert rules (SPEC §7), overrides of the default routing declared
// beside each event type. alert_rule_sets holds the applied version per tenant (a command
// of an older or equal version is ignored); alert_rules its rules in order, read per event
// by (tenant_id, event_type).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsAlertRules1763900001850 implements MigrationInterface {
  name = 'NotificationsAlertRules1763900001850';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_rule_sets (
        tenant_id     text PRIMARY KEY,
        version       bigint NOT NULL,
        requested_by  text NOT NULL,
        request_id    text NOT NULL,
        requested_at  timestamptz NOT NULL,
        applied_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE alert_rules (
        tenant_id   text NOT NULL REFERENCES alert_rule_sets (tenant_id) ON DELETE CASCADE,
        position    integer NOT NULL,
        event_type  text NOT NULL,
        -- NULL: every severity
        severities  text[],
        scope       text NOT NULL,
        roles       text[] NOT NULL,
        title       text,
        summary     text,
        actions     jsonb NOT NULL DEFAULT '[]',
        enabled     boolean NOT NULL DEFAULT true,
        PRIMARY KEY (tenant_id, position)
      )`);
    await q.query(`CREATE INDEX idx_alert_rules_tenant_type ON alert_rules (tenant_id, event_type, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_rules`);
    await q.query(`DROP TABLE alert_rule_sets`);
  }
}
