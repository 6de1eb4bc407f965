// The feed follows an order Postgres assigns (SPEC §6), not an app clock, and that order is
// the commit order: a reader never sees an item turn up below one it has already seen.
// Real Postgres and RabbitMQ; notifications arrive through herald.events and the consumer.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { NOTIFICATION_ORDER_LOCK } from '@herald/notifications';
import {
  createTestInfrastructure,
  eventMessage,
  eventually,
  seedTenant,
  startTestApp,
  TestApp,
  TestInfrastructure,
} from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent, readFeed, readWholeFeed } from './feed-client';

const TENANT = 'tn_order';
const SLOW = 30_000;

describe('notification-service feed order', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  const tokenFor = (user: string) => app.token({ sub: user, tenant_id: TENANT, scope: ['notifications:read'] });
  const storedFor = async (user: string): Promise<number> =>
    (await app.dataSource.query('SELECT count(*)::int AS n FROM notification_recipients WHERE tenant_id = $1 AND user_id = $2', [TENANT, user]))[0].n;
  const publishFor = (user: string, summary: string) =>
    publishEvent(app, eventMessage({ tenant_id: TENANT, type: 'resource_usage', recipients: { users: [user] }, payload: { resource_type: 'cpu', usage: 1, summary } }));
  const summaries = async (user: string) => (await readFeed(app, tokenFor(user), '?limit=100')).body.data.map((n) => n.summary);

  beforeAll(async () => {
    infra = await createTestInfrastructure('feed_order');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(app.dataSource, TENANT, ['u_clock', 'u_late', 'u_race'].map((id) => ({ id })));
  }, SLOW);

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('pages every item exactly once, newest stored first, whatever the clocks say', async () => {
    for (let i = 0; i < 6; i++) {
      await publishFor('u_clock', `clock ${i}`);
      await eventually(async () => ((await storedFor('u_clock')) === i + 1 ? true : undefined), 5000, `notification ${i}`);
    }
    // replicas with skewed clocks: the newest notification carries the oldest time
    const skewMinutes = [-60, 120, 0, -120, 60, -180];
    for (const [i, minutes] of skewMinutes.entries()) {
      const at = new Date(Date.now() + minutes * 60_000);
      await app.dataSource.query('UPDATE notifications SET created_at = $1 WHERE tenant_id = $2 AND summary = $3', [at, TENANT, `clock ${i}`]);
      await app.dataSource.query(
        `UPDATE notification_recipients r SET created_at = $1 FROM notifications n
         WHERE n.id = r.notification_id AND n.tenant_id = $2 AND n.summary = $3`,
        [at, TENANT, `clock ${i}`],
      );
    }

    const order = ['clock 5', 'clock 4', 'clock 3', 'clock 2', 'clock 1', 'clock 0'];
    expect(await readWholeFeed(app, tokenFor('u_clock'), 2)).toEqual(order);
    expect(await readWholeFeed(app, tokenFor('u_clock'), 4)).toEqual(order);
    const shown = (await readFeed(app, tokenFor('u_clock'), '?limit=100')).body.data.map((n) => n.created_at);
    expect([...shown].sort().reverse()).not.toEqual(shown);
  }, SLOW);

  it('keeps a notification stored while an earlier one is uncommitted invisible until that one commits', async () => {
    // transaction A: on the same path as the repository (order lock, then insert), left open
    const a = new Client({ connectionString: infra.databaseUrl });
    await a.connect();
    try {
      await a.query('BEGIN');
      await a.query('SELECT pg_advisory_xact_lock($1)', [NOTIFICATION_ORDER_LOCK]);
      const [row] = (
        await a.query(
          `INSERT INTO notifications (id, tenant_id, event_id, type, severity, scope, title, summary)
           VALUES ($1, $2, $3, 'resource_usage', 'medium', 'ops', 'Resource usage', 'A, committed late') RETURNING id, seq, created_at`,
          [randomUUID(), TENANT, randomUUID()],
        )
      ).rows;
      await a.query('INSERT INTO notification_recipients (notification_id, user_id, tenant_id, created_at, seq) VALUES ($1, $2, $3, $4, $5)', [
        row.id,
        'u_late',
        TENANT,
        row.created_at,
        row.seq,
      ]);

      await publishFor('u_late', 'B, arrived while A was open');
      const waiting = async () =>
        (
          await app.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_locks
             WHERE locktype = 'advisory' AND NOT granted AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [NOTIFICATION_ORDER_LOCK],
          )
        )[0].n > 0;
      await eventually(async () => ((await waiting()) || (await storedFor('u_late')) > 0 ? true : undefined), 5000, 'B to be handled');
      expect(await summaries('u_late')).toEqual([]);

      await a.query('COMMIT');
    } finally {
      await a.end();
    }
    await eventually(async () => ((await storedFor('u_late')) === 2 ? true : undefined), 5000, 'B after A');
    expect(await summaries('u_late')).toEqual(['B, arrived while A was open', 'A, committed late']);
  }, SLOW);

  it('shows a reader polling during concurrent writes only ever the oldest part of the final feed', async () => {
    const total = 40;
    await Promise.all(Array.from({ length: total }, (_, i) => publishFor('u_race', `race ${i}`)));
    const snapshots: string[][] = [];
    const deadline = Date.now() + 10_000;
    while ((await storedFor('u_race')) < total && Date.now() < deadline) snapshots.push(await summaries('u_race'));
    const final = await summaries('u_race');

    expect(new Set(final).size).toBe(total);
    expect(snapshots.length).toBeGreaterThan(0);
    for (const seen of snapshots) expect(seen).toEqual(final.slice(final.length - seen.length));
  }, SLOW);
});
