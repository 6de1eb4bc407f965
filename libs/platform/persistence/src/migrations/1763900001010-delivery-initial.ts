// delivery: one row per delivery job and one per attempt (SPEC §8), the state the worker
// itself decides about a webhook endpoint (disabled after a 410, consecutive failures), and
// the context's outbox (dead-letters). Retries are scheduled here: `next_attempt_at` is when
// a pending or retrying delivery is due, and while an attempt runs it is the end of that
// attempt's lease, so a worker that dies mid-attempt hands the delivery to the next poll.
// A delivery whose endpoint is disabled is `paused` (no attempt spent) until it is enabled.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableDdl } from '@herald/platform/outbox';

export class DeliveryInitial1763900001010 implements MigrationInterface {
  name = 'DeliveryInitial1763900001010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deliveries (
        id               text PRIMARY KEY,
        tenant_id        text NOT NULL,
        event_id         uuid NOT NULL,
        channel          text NOT NULL CHECK (channel IN ('webhook', 'email', 'sms')),
        -- what the per-destination limits and endpoint health are keyed by, e.g. webhook_subscription:<id>
        destination_key  text NOT NULL,
        -- the job as received: every attempt and a replay send exactly this
        job              jsonb NOT NULL,
        request_id       text NOT NULL,
        traceparent      text NOT NULL DEFAULT '',
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'retrying', 'paused', 'succeeded', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        last_status      integer,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        completed_at     timestamptz,
        CHECK ((status IN ('pending', 'retrying')) = (next_attempt_at IS NOT NULL))
      )`);
    // the poller's claim: due deliveries, soonest first (terminal rows leave the index)
    await q.query(`CREATE INDEX idx_deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying')`);
    // resuming what waited for a disabled endpoint once it is enabled again
    await q.query(`CREATE INDEX idx_deliveries_paused ON deliveries (destination_key) WHERE status = 'paused'`);
    // an event's deliveries: its derived status and GET /events/:id
    await q.query(`CREATE INDEX idx_deliveries_by_event ON deliveries (tenant_id, event_id)`);
    // a destination's deliveries: GET /webhooks/:id/deliveries and recover windows
    await q.query(`CREATE INDEX idx_deliveries_by_destination ON deliveries (tenant_id, destination_key, created_at DESC)`);
    await q.query(`
      CREATE TABLE delivery_attempts (
        delivery_id    text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempt        integer NOT NULL CHECK (attempt >= 1),
        tenant_id      text NOT NULL,
        outcome        text NOT NULL CHECK (outcome IN ('success', 'retry', 'fail')),
        status_code    integer,
        error_class    text,
        latency_ms     integer NOT NULL,
        -- at most 20 KB, cut by the channel registry
        response_body  text,
        attempted_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (delivery_id, attempt)
      )`);
    await q.query(`
      CREATE TABLE webhook_endpoint_states (
        subscription_id       uuid PRIMARY KEY,
        tenant_id             text NOT NULL,
        consecutive_failures  integer NOT NULL DEFAULT 0,
        failing_since         timestamptz,
        disabled_at           timestamptz,
        disabled_reason       text,
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    for (const statement of outboxTableDdl('delivery_outbox')) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delivery_outbox`);
    await q.query(`DROP TABLE webhook_endpoint_states`);
    await q.query(`DROP TABLE delivery_attempts`);
    await q.query(`DROP TABLE deliveries`);
  }
}
