// event-store: what one append unit commits beside its events (issue 16). The event store now
// owns idempotency_keys (an Idempotency-Key is reserved in the statement that stores its
// request's events, so the two cannot disagree); audit entries of accepted alerts; and outbox
// rows aimed at the analytics channel as well as herald.events.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStoreUnits1763900000850 implements MigrationInterface {
  name = 'EventStoreUnits1763900000850';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD CONSTRAINT ck_idempotency_keys_hash CHECK (request_hash ~ '^[0-9a-f]{64}$')`);
    await q.query(`
      CREATE TABLE event_audit (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id    text NOT NULL,
        request_id   text NOT NULL,
        actor        text NOT NULL,
        action       text NOT NULL,
        entity_type  text NOT NULL,
        entity_id    text NOT NULL,
        fingerprint  text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    // a tenant's audit trail, newest first (management's audit view), and an entity's history
    await q.query(`CREATE INDEX idx_event_audit_by_tenant ON event_audit (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX idx_event_audit_by_entity ON event_audit (entity_type, entity_id)`);
    // which message the relay builds from the event: herald.events, or the analytics delivery channel
    await q.query(`ALTER TABLE outbox ADD COLUMN target text NOT NULL DEFAULT 'events' CHECK (target IN ('events', 'analytics'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN target`);
    await q.query(`DROP TABLE event_audit`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT ck_idempotency_keys_hash`);
  }
}
