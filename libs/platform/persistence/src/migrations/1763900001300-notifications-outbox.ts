// notifications: the context's own outbox (SPEC §6). The live fan-out of a notification
// (herald.realtime) commits in the notification's transaction; the relay publishes it.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableDdl } from '@herald/platform/outbox';

export class NotificationsOutbox1763900001300 implements MigrationInterface {
  name = 'NotificationsOutbox1763900001300';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of outboxTableDdl('notification_outbox')) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_outbox`);
  }
}
