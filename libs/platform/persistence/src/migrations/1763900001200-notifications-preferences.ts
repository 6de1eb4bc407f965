// notifications: preferences per user and optionally per customer (SPEC §7), and the
// context's audit table (preference changes are audited, SPEC §3).
import { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableDdl } from '../audit';

export class NotificationsPreferences1763900001200 implements MigrationInterface {
  name = 'NotificationsPreferences1763900001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        tenant_id    text NOT NULL,
        user_id      text NOT NULL,
        -- '' holds the user's general preferences; a customer's own override them for it
        customer_id  text NOT NULL DEFAULT '',
        channels     jsonb NOT NULL,
        events       jsonb NOT NULL DEFAULT '{}',
        groups       jsonb NOT NULL DEFAULT '{}',
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, customer_id)
      )`);
    for (const statement of auditTableDdl('notification_audit')) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_audit`);
    await q.query(`DROP TABLE notification_preferences`);
  }
}
