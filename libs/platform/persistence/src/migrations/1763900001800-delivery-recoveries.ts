// delivery: what a recover (POST /webhooks/:id/recover, SPEC §8) needs in the delivery
// context's own tables. `attempt_base` is how many attempts a delivery had when it was last
// recovered: attempts keep counting (delivery_attempts is keyed by the attempt number) while
// the retry schedule counts from the base, so a recovered delivery gets a fresh budget.
// delivery_recoveries records each recover command once (its id is the dedup key of a
// redelivered command) with how many deliveries it re-queued.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryRecoveries1763900001800 implements MigrationInterface {
  name = 'DeliveryRecoveries1763900001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries ADD COLUMN attempt_base integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE delivery_recoveries (
        id               uuid PRIMARY KEY,
        tenant_id        text NOT NULL,
        destination_key  text NOT NULL,
        since            timestamptz NOT NULL,
        until            timestamptz NOT NULL,
        requeued         integer NOT NULL,
        request_id       text NOT NULL,
        applied_at       timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delivery_recoveries`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN attempt_base`);
  }
}
