// notifications: a database-assigned order (SPEC §6). `seq` is drawn by Postgres when a
// notification is inserted and copied onto its recipient rows, so a user's feed is one
// keyset index on (tenant_id, user_id, seq). Existing rows are numbered in created_at order.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsSequence1763900000500 implements MigrationInterface {
  name = 'NotificationsSequence1763900000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN seq bigint`);
    await q.query(`
      UPDATE notifications n SET seq = o.rn
      FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rn FROM notifications) o
      WHERE o.id = n.id`);
    // ALWAYS: only the database assigns it. The identity's sequence keeps CACHE 1: a session
    // cache would hand out ranges per connection and break "seq order = commit order",
    // which NotificationRepository builds on with its advisory lock.
    await q.query(`ALTER TABLE notifications ALTER COLUMN seq SET NOT NULL`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY`);
    await q.query(`SELECT setval(pg_get_serial_sequence('notifications', 'seq'), COALESCE(max(seq), 0) + 1, false) FROM notifications`);

    // denormalized so the feed reads one index, without a join to order or to page
    await q.query(`ALTER TABLE notification_recipients ADD COLUMN seq bigint`);
    await q.query(`UPDATE notification_recipients r SET seq = n.seq FROM notifications n WHERE n.id = r.notification_id`);
    await q.query(`ALTER TABLE notification_recipients ALTER COLUMN seq SET NOT NULL`);

    await q.query(`DROP INDEX idx_notification_recipients_feed`);
    // a user's feed: newest first, keyset pagination on seq (the cursor)
    await q.query(`
      CREATE INDEX idx_notification_recipients_feed_by_seq
        ON notification_recipients (tenant_id, user_id, seq DESC)
        WHERE hidden_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_notification_recipients_feed_by_seq`);
    await q.query(`
      CREATE INDEX idx_notification_recipients_feed
        ON notification_recipients (tenant_id, user_id, created_at DESC, notification_id DESC)
        WHERE hidden_at IS NULL`);
    await q.query(`ALTER TABLE notification_recipients DROP COLUMN seq`);
    await q.query(`ALTER TABLE notifications DROP COLUMN seq`);
  }
}
