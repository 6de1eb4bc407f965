// notifications: one notification per event and a read state per recipient.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsInitial1763900000300 implements MigrationInterface {
  name = 'NotificationsInitial1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id           uuid PRIMARY KEY,
        tenant_id    text NOT NULL,
        event_id     uuid NOT NULL,
        type         text NOT NULL,
        severity     text NOT NULL,
        scope        text NOT NULL,
        title        text NOT NULL,
        summary      text NOT NULL DEFAULT '',
        content      jsonb NOT NULL DEFAULT '{}',
        customer_id  text,
        actions      jsonb NOT NULL DEFAULT '[]',
        created_at   timestamptz NOT NULL DEFAULT now(),
        -- consumer idempotency: a redelivered event never makes a second notification
        CONSTRAINT uq_notifications_tenant_event UNIQUE (tenant_id, event_id)
      )`);
    await q.query(`
      CREATE TABLE notification_recipients (
        notification_id  uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        user_id          text NOT NULL,
        tenant_id        text NOT NULL,
        created_at       timestamptz NOT NULL,
        read_at          timestamptz,
        hidden_at        timestamptz,
        PRIMARY KEY (notification_id, user_id)
      )`);
    // a user's feed: newest first, keyset pagination on (created_at, notification_id)
    await q.query(`
      CREATE INDEX idx_notification_recipients_feed
        ON notification_recipients (tenant_id, user_id, created_at DESC, notification_id DESC)
        WHERE hidden_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_recipients`);
    await q.query(`DROP TABLE notifications`);
  }
}
