// Migration 1763900000500 on real Postgres: rows stored before it get a seq in created_at
// order, recipients carry their notification's seq, only the database assigns new ones,
// and `down` restores the clock-ordered feed index. Uses its own database, dropped after.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ensureDatabase, MIGRATIONS, MIGRATIONS_TABLE } from '@herald/platform/persistence';
import { baseUrls } from '@herald/platform/testing';

const SLOW = 30_000;
const SEQUENCE_MIGRATION = MIGRATIONS.findIndex((m) => m.name === 'NotificationsSequence1763900000500');

describe('migration 1763900000500 notifications sequence', () => {
  const admin = new URL(baseUrls().databaseUrl);
  const url = new URL(admin.toString());
  url.pathname = `/herald_t_seqmig_${randomBytes(3).toString('hex')}`;
  const migrator = (count: number) =>
    new DataSource({ type: 'postgres', url: url.toString(), migrations: MIGRATIONS.slice(0, count), migrationsTableName: MIGRATIONS_TABLE });
  let db: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url.toString());
    const before = await migrator(SEQUENCE_MIGRATION).initialize();
    await before.runMigrations();
    // stored by the previous release in this order, with these clocks
    for (const [summary, minutes] of [['second', 2], ['first', 1], ['third', 3]] as const) {
      const at = new Date(Date.UTC(2026, 0, 1, 12, minutes));
      const [{ id }] = await before.query(
        `INSERT INTO notifications (id, tenant_id, event_id, type, severity, scope, title, summary, created_at)
         VALUES ($1, 'tn_m', $2, 'resource_usage', 'low', 'ops', 't', $3, $4) RETURNING id`,
        [randomUUID(), randomUUID(), summary, at],
      );
      await before.query(
        `INSERT INTO notification_recipients (notification_id, user_id, tenant_id, created_at) SELECT $1, u, 'tn_m', $2 FROM unnest($3::text[]) u`,
        [id, at, ['u1', 'u2']],
      );
    }
    await before.destroy();
    db = await migrator(SEQUENCE_MIGRATION + 1).initialize();
    await db.runMigrations();
  }, SLOW);

  afterAll(async () => {
    await db?.destroy();
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  });

  const indexes = async () =>
    (await db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'notification_recipients' ORDER BY 1`)).map((r: { indexname: string }) => r.indexname);

  it('numbers existing notifications in created_at order and copies the seq to every recipient', async () => {
    const rows: Array<{ summary: string; seq: string; recipient_seqs: string[] }> = await db.query(
      `SELECT n.summary, n.seq, array_agg(DISTINCT r.seq) AS recipient_seqs
       FROM notifications n JOIN notification_recipients r ON r.notification_id = n.id GROUP BY n.id ORDER BY n.seq`,
    );
    expect(rows.map((r) => [r.summary, String(r.seq)])).toEqual([['first', '1'], ['second', '2'], ['third', '3']]);
    for (const row of rows) expect(row.recipient_seqs.map(String)).toEqual([String(row.seq)]);
  });

  it('continues after the backfill and refuses a seq chosen by the application', async () => {
    const insert = (extra: string, values: unknown[]) =>
      db.query(
        `INSERT INTO notifications (id, tenant_id, event_id, type, severity, scope, title${extra ? ', seq' : ''})
         VALUES ($1, 'tn_m', $2, 'resource_usage', 'low', 'ops', 't'${extra}) RETURNING seq`,
        [randomUUID(), randomUUID(), ...values],
      );
    expect(String((await insert('', []))[0].seq)).toBe('4');
    await expect(insert(', $3', [99])).rejects.toMatchObject({ code: '428C9' });
  });

  it('replaces the clock-ordered feed index with one on seq, and down puts it back', async () => {
    expect(await indexes()).toEqual(['idx_notification_recipients_feed_by_seq', 'notification_recipients_pkey']);
    await db.undoLastMigration();
    expect(await indexes()).toEqual(['idx_notification_recipients_feed', 'notification_recipients_pkey']);
    const columns = await db.query(`SELECT table_name FROM information_schema.columns WHERE column_name = 'seq' AND table_schema = 'public'`);
    expect(columns).toEqual([]);
    await db.runMigrations();
    expect(await indexes()).toEqual(['idx_notification_recipients_feed_by_seq', 'notification_recipients_pkey']);
  });
});
