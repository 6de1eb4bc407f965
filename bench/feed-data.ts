// The feed scenario's data (bench/run.ts scenario 5, bench/feed-explain.ts): one tenant's
// notifications, one recipient each, most of them spread over 999 users and a fixed share
// for u_big, whose feed is the one measured.
import { TestInfrastructure } from '@herald/platform/testing';
import { sql } from './load';

/** `totalRows` notifications of tenant tn_feed, one recipient each: u_big gets userRows of them, 999 others the rest. */
export async function seedFeed(infra: TestInfrastructure, totalRows: number, userRows: number): Promise<void> {
  const chunk = 250_000;
  for (let from = 1; from <= totalRows; from += chunk) {
    const to = Math.min(totalRows, from + chunk - 1);
    await sql(
      infra,
      `WITH n AS (
         INSERT INTO notifications (id, tenant_id, event_id, type, severity, scope, title, summary, content, customer_id)
         SELECT gen_random_uuid(), 'tn_feed', gen_random_uuid(), 'resource_usage',
                (ARRAY['low','medium','high','critical'])[1 + i % 4], 'ops', 'Resource usage', 'usage ' || i,
                jsonb_build_object('usage', i), CASE WHEN i % 10 = 0 THEN 'cus_' || (i % 100) END
         FROM generate_series($1::int, $2::int) AS i
         RETURNING id, seq, created_at
       )
       INSERT INTO notification_recipients (notification_id, user_id, tenant_id, created_at, seq, read_at)
       SELECT id, CASE WHEN seq % $3::bigint = 0 THEN 'u_big' ELSE 'u_' || (seq % 999) END, 'tn_feed', created_at, seq,
              CASE WHEN seq % 3 = 0 THEN now() END
       FROM n`,
      [from, to, Math.max(1, Math.floor(totalRows / userRows))],
    );
  }
  await sql(infra, 'ANALYZE notifications');
  await sql(infra, 'ANALYZE notification_recipients');
}
