// management: the event_status view behind GET /events, /events/:id and /events/:id/status
// (SPEC §6, §9) — each event of the event store with the reports of the contexts that work on
// it (event_processing of the notification service, deliveries of the delivery worker) and the
// status derived from them (docs/architecture.md, "Event status"). Joined for reads, nothing
// copied; a view writes nothing, so every table keeps its one writer.
//
// The indexes serve the operator's filters and sorts across tenants; they sit on the event
// store's table because that is where the columns are (as 1763900001110 did for event_audit).
// The join needs none: event_processing's key is event_id and deliveries has
// idx_deliveries_by_event (tenant_id, event_id). The derived status cannot be indexed (it is a
// CASE over two other tables); a status filter reads the candidate events' reports.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementEventStatus1763900001500 implements MigrationInterface {
  name = 'ManagementEventStatus1763900001500';

  async up(q: QueryRunner): Promise<void> {
    // first match wins: failed → retrying (a paused delivery waits, it counts as retrying) →
    // processed (processing done and every delivery succeeded, or none) → processing
    // (processing done with deliveries under way, or deliveries without a processing report) → pending
    await q.query(`
      CREATE VIEW event_status AS
        SELECT e.id AS event_id, e.tenant_id, e.kind, e.type, e.source, e.provider, e.provider_event_id,
               e.payload->>'subject' AS subject, e.occurred_at, e.received_at,
               p.status AS processing_status, p.attempts AS processing_attempts,
               p.notification_id AS processing_notification_id, p.updated_at AS processing_updated_at,
               d.total AS deliveries_total, d.succeeded AS deliveries_succeeded, d.failed AS deliveries_failed,
               d.retrying AS deliveries_retrying, d.pending AS deliveries_pending,
               CASE
                 WHEN p.status = 'failed' OR d.failed > 0 THEN 'failed'
                 WHEN p.status = 'retrying' OR d.retrying > 0 THEN 'retrying'
                 WHEN p.status = 'processed' AND d.pending = 0 THEN 'processed'
                 WHEN p.status = 'processed' OR d.total > 0 THEN 'processing'
                 ELSE 'pending'
               END AS status
          FROM events e
          LEFT JOIN event_processing p ON p.event_id = e.id AND p.tenant_id = e.tenant_id
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS total,
                   (count(*) FILTER (WHERE x.status = 'succeeded'))::int AS succeeded,
                   (count(*) FILTER (WHERE x.status = 'failed'))::int AS failed,
                   (count(*) FILTER (WHERE x.status IN ('retrying', 'paused')))::int AS retrying,
                   (count(*) FILTER (WHERE x.status = 'pending'))::int AS pending
              FROM deliveries x
             WHERE x.tenant_id = e.tenant_id AND x.event_id = e.id) d`);
    // GET /events across tenants, newest first (sort_by created_at|received_at); a tenant's
    // list has idx_events_tenant_received already
    await q.query(`CREATE INDEX idx_events_by_received ON events (received_at DESC, id DESC)`);
    // from/to on occurred_at and sort_by occurred_at
    await q.query(`CREATE INDEX idx_events_by_occurred ON events (occurred_at DESC, id DESC)`);
    // event_type filter, newest first
    await q.query(`CREATE INDEX idx_events_by_type ON events (type, received_at DESC)`);
    // provider filter, newest first (the unique key leads with tenant_id, so it cannot serve this)
    await q.query(`CREATE INDEX idx_events_by_provider ON events (provider, received_at DESC) WHERE provider IS NOT NULL`);
    // subject: partial and case-insensitive (ILIKE '%…%'), which only a trigram index serves;
    // pg_trgm is a trusted extension (the database owner may create it) shipped with Postgres
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE INDEX idx_events_by_subject_trgm ON events USING gin ((payload->>'subject') gin_trgm_ops) WHERE payload->>'subject' IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // pg_trgm stays: dropping an extension could break whatever else came to use it
    await q.query(`DROP INDEX idx_events_by_subject_trgm`);
    await q.query(`DROP INDEX idx_events_by_provider`);
    await q.query(`DROP INDEX idx_events_by_type`);
    await q.query(`DROP INDEX idx_events_by_occurred`);
    await q.query(`DROP INDEX idx_events_by_received`);
    await q.query(`DROP VIEW event_status`);
  }
}
