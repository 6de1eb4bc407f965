// event-store: what one append unit commits beside its events (issue 16). The event store now
// owns idempotency_keys (an Idempotency-Key is reserved in the statement that stores its
// request's events, so the two cannot disagree); audit entries of accepted alerts; and outbox
// rows aimed at the analytics channel as well as herald.events.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableDdl } from '../audit';

export class EventStoreUnits1763900000850 implements MigrationInterface {
  name = 'EventStoreUnits1763900000850';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD CONSTRAINT ck_idempotency_keys_hash CHECK (request_hash ~ '^[0-9a-f]{64}$')`);
    for (const statement of auditTableDdl('event_audit')) await q.query(statement);
    // which message the relay builds from the event: herald.events, or the analytics delivery channel
    await q.query(`ALTER TABLE outbox ADD COLUMN target text NOT NULL DEFAULT 'events' CHECK (target IN ('events', 'analytics'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN target`);
    await q.query(`DROP TABLE event_audit`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT ck_idempotency_keys_hash`);
  }
}
