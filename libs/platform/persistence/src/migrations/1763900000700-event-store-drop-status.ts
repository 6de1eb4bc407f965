// event-store: events.status goes (SPEC §6: status belongs to whoever does the work). The event
// store keeps what was accepted, immutable; processing and delivery progress live in the
// notifications and delivery contexts' own tables, and the status operators see is derived
// from them (docs/architecture.md, "Event status"). No code reads or writes the column (inserts
// relied on its default), so replicas of the previous release keep working during a rollout;
// dropping a column is a catalog change, not a table rewrite.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStoreDropStatus1763900000700 implements MigrationInterface {
  name = 'EventStoreDropStatus1763900000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events DROP COLUMN status`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE events ADD COLUMN status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'processing', 'processed', 'retrying', 'failed'))`);
  }
}
