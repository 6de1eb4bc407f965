// management: replay requests (SPEC §9 POST /events/:id/replay). A request row commits with its
// audit entry and its delivery jobs in management_outbox; `dispatched_at` is set once the relay
// has published every one of those jobs (none of its delivery ids left in the outbox).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementReplayRequests1763900001750 implements MigrationInterface {
  name = 'ManagementReplayRequests1763900001750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE replay_requests (
        id             uuid PRIMARY KEY,
        tenant_id      text NOT NULL,
        event_id       uuid NOT NULL,
        requested_by   text NOT NULL,
        reason         text NOT NULL,
        request_id     text NOT NULL,
        -- the delivery ids of the jobs it enqueued (each also the outbox row's message_id)
        delivery_ids   text[] NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        dispatched_at  timestamptz
      )`);
    // GET /events/:id: an event's replay requests, oldest first
    await q.query(`CREATE INDEX idx_replay_requests_by_event ON replay_requests (event_id, created_at)`);
    // the dispatch watcher: requests whose jobs may still wait in the outbox
    await q.query(`CREATE INDEX idx_replay_requests_undispatched ON replay_requests (created_at) WHERE dispatched_at IS NULL`);
    // the dispatch watcher: is any of a request's jobs still in the outbox (by delivery id)
    await q.query(`CREATE INDEX idx_management_outbox_by_message_id ON management_outbox (message_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_management_outbox_by_message_id`);
    await q.query(`DROP TABLE replay_requests`);
  }
}
