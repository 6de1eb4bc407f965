// management: event_status for provider webhooks (SPEC §5, §6). No context processes a
// `webhook` event (the notification service binds business.# and notification.#), so it has no
// processing report and, under 1763900001500's rules, stayed `pending` (or `processing` with
// its callback delivered) forever. Now, for a webhook event with no processing report:
// - a callback was due (events.callback_due, set at acceptance): the status follows the
//   callback's delivery — `pending` until the worker has the job, `processing` while it is
//   pending, `retrying` / `failed` / `processed` as the delivery goes;
// - no callback was due: `processed` once accepted (nothing else is to happen to it).
// The other rules and the view's columns are unchanged (CREATE OR REPLACE keeps dependants).
import { MigrationInterface, QueryRunner } from 'typeorm';

const SELECT_COLUMNS = `e.id AS event_id, e.tenant_id, e.kind, e.type, e.source, e.provider, e.provider_event_id,
               e.payload->>'subject' AS subject, e.occurred_at, e.received_at,
               p.status AS processing_status, p.attempts AS processing_attempts,
               p.notification_id AS processing_notification_id, p.updated_at AS processing_updated_at,
               d.total AS deliveries_total, d.succeeded AS deliveries_succeeded, d.failed AS deliveries_failed,
               d.retrying AS deliveries_retrying, d.pending AS deliveries_pending`;

const FROM_REPORTS = `FROM events e
          LEFT JOIN event_processing p ON p.event_id = e.id AND p.tenant_id = e.tenant_id
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS total,
                   (count(*) FILTER (WHERE x.status = 'succeeded'))::int AS succeeded,
                   (count(*) FILTER (WHERE x.status = 'failed'))::int AS failed,
                   (count(*) FILTER (WHERE x.status IN ('retrying', 'paused')))::int AS retrying,
                   (count(*) FILTER (WHERE x.status = 'pending'))::int AS pending
              FROM deliveries x
             WHERE x.tenant_id = e.tenant_id AND x.event_id = e.id) d`;

/** The view with 1763900001500's rules, and `webhookRule` (empty: none) between the third and the fourth. */
function view(webhookRule: string): string {
  return `CREATE OR REPLACE VIEW event_status AS
        SELECT ${SELECT_COLUMNS},
               CASE
                 WHEN p.status = 'failed' OR d.failed > 0 THEN 'failed'
                 WHEN p.status = 'retrying' OR d.retrying > 0 THEN 'retrying'
                 WHEN p.status = 'processed' AND d.pending = 0 THEN 'processed'
                 ${webhookRule}
                 WHEN p.status = 'processed' OR d.total > 0 THEN 'processing'
                 ELSE 'pending'
               END AS status
          ${FROM_REPORTS}`;
}

export class ManagementEventStatusWebhooks1763900001710 implements MigrationInterface {
  name = 'ManagementEventStatusWebhooks1763900001710';

  async up(q: QueryRunner): Promise<void> {
    // first match wins; the new rule: a webhook event nobody processes is done when its
    // callback delivery (if one was due) is done
    await q.query(
      view(`WHEN e.kind = 'webhook' AND p.status IS NULL AND d.pending = 0 AND (d.total > 0 OR e.callback_due IS NOT TRUE) THEN 'processed'`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(view(''));
  }
}
