// notifications: its report of processing each event (SPEC §6) — `processed` (written in the
// notification's own transaction), `retrying` or `failed` (a handler failure, and the last
// attempt) — which management's derived event status reads. The notification service is its
// only writer.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsEventProcessing1763900001400 implements MigrationInterface {
  name = 'NotificationsEventProcessing1763900001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_processing (
        event_id         uuid PRIMARY KEY,
        tenant_id        text NOT NULL,
        status           text NOT NULL CHECK (status IN ('processed', 'retrying', 'failed')),
        attempts         integer NOT NULL CHECK (attempts > 0),
        last_error       text,
        notification_id  uuid,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    // ops views: a tenant's events by processing status
    await q.query(`CREATE INDEX idx_event_processing_by_tenant_status ON event_processing (tenant_id, status, updated_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_processing`);
  }
}
