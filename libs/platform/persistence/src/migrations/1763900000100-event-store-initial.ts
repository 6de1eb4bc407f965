// event-store: the events of both ingestion apps and their outbox.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStoreInitial1763900000100 implements MigrationInterface {
  name = 'EventStoreInitial1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id                 uuid PRIMARY KEY,
        tenant_id          text NOT NULL,
        kind               text NOT NULL CHECK (kind IN ('business', 'notification', 'webhook')),
        type               text NOT NULL,
        source             text NOT NULL,
        schema_version     integer NOT NULL,
        payload            jsonb NOT NULL,
        recipients         jsonb,
        customer_id        text,
        occurred_at        timestamptz NOT NULL,
        received_at        timestamptz NOT NULL DEFAULT now(),
        status             text NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'processing', 'processed', 'retrying', 'failed')),
        request_id         text,
        provider           text,
        provider_event_id  text
      )`);
    // tenant-scoped event lists, newest first
    await q.query(`CREATE INDEX idx_events_tenant_received ON events (tenant_id, received_at DESC)`);
    // ingress idempotency: one event per provider event id
    await q.query(
      `CREATE UNIQUE INDEX uq_events_provider_event ON events (provider, provider_event_id) WHERE provider IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE outbox (
        id           bigserial PRIMARY KEY,
        event_id     uuid NOT NULL REFERENCES events (id),
        -- the trace context of the accepting request; everything else comes from the event
        traceparent  text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    // the relay's sweep takes the oldest rows first
    await q.query(`CREATE INDEX idx_outbox_created ON outbox (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE events`);
  }
}
