// event-store: integration callbacks (SPEC §5, §8). A provider webhook whose integration had a
// callback URL when it was accepted is marked `callback_due`, and its append unit commits a
// third kind of outbox row, `callback`, that the relay turns into the delivery.job@v1 of the
// callback (herald.deliveries, routing key `webhook`). The mark stays on the event: the relay
// rebuilds the job from the event row after a crash, and the derived status (management's
// event_status) knows whether a callback delivery is still to come.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStoreCallbacks1763900001700 implements MigrationInterface {
  name = 'EventStoreCallbacks1763900001700';

  async up(q: QueryRunner): Promise<void> {
    // nullable, no default: adding it rewrites nothing; NULL (gateway events, older rows) means no callback
    await q.query(`ALTER TABLE events ADD COLUMN callback_due boolean`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_target_check`);
    await q.query(`ALTER TABLE outbox ADD CONSTRAINT outbox_target_check CHECK (target IN ('events', 'analytics', 'callback'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM outbox WHERE target = 'callback'`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_target_check`);
    await q.query(`ALTER TABLE outbox ADD CONSTRAINT outbox_target_check CHECK (target IN ('events', 'analytics'))`);
    await q.query(`ALTER TABLE events DROP COLUMN callback_due`);
  }
}
