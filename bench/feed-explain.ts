// `npm run bench:feed-explain`: EXPLAIN (ANALYZE, BUFFERS) of the feed's queries for one user
// with 100 000 notifications among 5 000 000 (issue 18; the plans and their reading are in
// docs/feed-performance.md). Seeds a fresh database exactly like the feed scenario of
// `npm run bench` (bench/feed-data), then asks the real NotificationRepository for each query
// — its SQL and parameters are captured, not copied — and explains it twice (cold, then
// warm), printing the warm plan and both execution times. Drops the database at the end.
// Usage: npm run bench:feed-explain [-- --rows 5000000 --user-rows 100000]
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { parseTenantId, parseUserId } from '@herald/contracts';
import type { FeedFilter } from '../libs/notifications/src/feed-item';
import { NotificationRepository } from '../libs/notifications/src/notification.repository';
import { OutboxRelay, OutboxTable } from '@herald/platform/outbox';
import { createTestInfrastructure } from '@herald/platform/testing';
import { runBench, say } from './bench-support';
import { seedFeed } from './feed-data';
import { sql } from './load';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '5000000' }, 'user-rows': { type: 'string', default: '100000' } } });
const TENANT = parseTenantId('tn_feed');
const USER = parseUserId('u_big');
/** The feed service asks for one more than the page to know whether there is a next page. */
const PAGE = 50 + 1;

/** The SQL and parameters the repository sends for a query, without running it. */
async function captured(run: (repo: NotificationRepository) => Promise<unknown>): Promise<{ text: string; params: unknown[] }> {
  let query: { text: string; params: unknown[] } | undefined;
  const capture = {
    query: async (text: string, params: unknown[]) => {
      query = { text, params };
      return [];
    },
  } as unknown as DataSource;
  await run(new NotificationRepository(capture, undefined as unknown as OutboxTable, undefined as unknown as OutboxRelay));
  if (!query) throw new Error('the repository sent no query');
  return query;
}

async function main(): Promise<void> {
  const rows = Number(values.rows);
  const userRows = Number(values['user-rows']);
  const infra = await createTestInfrastructure('bench_feed_explain');
  try {
    const started = Date.now();
    await seedFeed(infra, rows, userRows);
    await sql(infra, 'VACUUM ANALYZE notification_recipients');
    await sql(infra, 'VACUUM ANALYZE notifications');
    const [{ n }] = await sql<{ n: number }>(infra, `SELECT count(*)::int AS n FROM notification_recipients WHERE tenant_id = $1 AND user_id = $2`, [TENANT, USER]);
    say(`seeded ${rows} notifications, ${n} of them u_big's, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const [{ seq: middle }] = await sql<{ seq: string }>(
      infra,
      `SELECT seq::text FROM notification_recipients WHERE tenant_id = $1 AND user_id = $2 AND hidden_at IS NULL ORDER BY seq DESC OFFSET $3 LIMIT 1`,
      [TENANT, USER, Math.floor(n / 2)],
    );
    const feed = (filter: Partial<FeedFilter>) => (repo: NotificationRepository) => repo.feed(TENANT, USER, { limit: PAGE, status: 'all', ...filter } as FeedFilter);
    const queries: Array<[string, (repo: NotificationRepository) => Promise<unknown>]> = [
      ['first page (GET /notifications?limit=50)', feed({})],
      [`cursor page halfway down the feed (seq < ${middle})`, feed({ after: { seq: middle } })],
      ['filtered first page (severity=high,critical&status=unread)', feed({ severities: ['high', 'critical'], status: 'unread' })],
      ['offset page (offset=10000)', feed({ offset: 10_000 })],
      ['a filter that matches none of the user\'s items (customer_id=cus_10)', feed({ customerId: 'cus_10' })],
      [`Last-Event-ID replay (200 items after seq ${middle})`, (repo) => repo.after(TENANT, USER, middle, 200)],
    ];
    for (const [label, run] of queries) {
      const { text, params } = await captured(run);
      const explain = `EXPLAIN (ANALYZE, BUFFERS) ${text}`;
      const timeOf = (plan: Array<{ 'QUERY PLAN': string }>) => plan.find((l) => l['QUERY PLAN'].startsWith('Execution Time'))?.['QUERY PLAN'];
      const cold = await sql<{ 'QUERY PLAN': string }>(infra, explain, params);
      const warm = await sql<{ 'QUERY PLAN': string }>(infra, explain, params);
      say(`\n### ${label}\n\ncold: ${timeOf(cold)}; warm: ${timeOf(warm)}\n`);
      say(`\`\`\`sql\n${text.replace(/\n\s+/g, '\n')}\n-- ${JSON.stringify(params)}\n\`\`\`\n\n\`\`\`\n${warm.map((l) => l['QUERY PLAN']).join('\n')}\n\`\`\``);
    }
  } finally {
    await infra.teardown();
  }
}

runBench(main);
