// The consumer's micro-batches (many events per transaction, one order lock) keep every
// guarantee of one event per transaction: a batch holding a redelivered event and two copies
// of another stores, pushes and sends each event once; one event the database refuses fails
// alone while the rest of its batch is stored; a database cut in the middle of a batch loses
// nothing and duplicates nothing; concurrent batches still commit in seq order, so a reader
// polling the feed only ever sees its oldest part. Real Postgres and RabbitMQ.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EventAcceptedMessage, Exchanges, MessageHeaderValues } from '@herald/contracts';
import { EventNotificationConsumer, NOTIFICATION_ORDER_LOCK } from '@herald/notifications';
import { BatchItem, DEAD_LETTER_QUEUE } from '@herald/platform/messaging';
import {
  countMessages,
  createTestInfrastructure,
  eventMessage,
  eventually,
  MessageCounter,
  seedTenant,
  seedWebhookSubscription,
  startTcpProxy,
  startTestApp,
  TcpProxy,
  TestApp,
  TestInfrastructure,
} from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent, readFeed } from './feed-client';

const TENANT = 'tn_batches';
const SLOW = 60_000;

describe('notification-service event batches', () => {
  let infra: TestInfrastructure;
  let proxy: TcpProxy;
  let app: TestApp;
  let live: MessageCounter;
  let jobs: MessageCounter;

  beforeAll(async () => {
    infra = await createTestInfrastructure('ns_batches');
    proxy = await startTcpProxy(infra.databaseUrl);
    // the app reaches Postgres through the proxy (cut below); retries come quickly
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { DATABASE_URL: proxy.url, CONSUMER_RETRY_SCHEDULE: '0.5,0.5,1' });
    await seedTenant(app.dataSource, TENANT, [{ id: 'u_ops', roles: ['ops'] }, { id: 'u_cut' }, { id: 'u_race' }, { id: 'u_poison' }]);
    await seedWebhookSubscription(app.dataSource, { webhookSecretsKey: randomBytes(32) }, TENANT, { url: 'https://example.test/hook', eventTypes: ['resource_usage'] });
    live = await countMessages(infra, Exchanges.realtime, '#');
    jobs = await countMessages(infra, Exchanges.deliveries, 'webhook');
  }, SLOW);

  afterAll(async () => {
    await live?.close();
    await jobs?.close();
    await app?.close();
    await proxy?.close();
    await infra?.teardown();
  });

  const usage = (summary: string, user?: string): EventAcceptedMessage =>
    eventMessage({ tenant_id: TENANT, type: 'resource_usage', ...(user ? { recipients: { users: [user] } } : {}), payload: { resource_type: 'cpu', usage: 1, summary } });
  const count = async (sql: string, params: unknown[]): Promise<number> => (await app.dataSource.query(sql, params))[0].n;
  const notificationsOf = (eventId: string) => count('SELECT count(*)::int AS n FROM notifications WHERE event_id = $1', [eventId]);
  const storedFor = (user: string) => count('SELECT count(*)::int AS n FROM notification_recipients WHERE tenant_id = $1 AND user_id = $2', [TENANT, user]);
  const itemOf = (message: EventAcceptedMessage, attempt = 1): BatchItem<EventAcceptedMessage> => ({
    message,
    context: { headers: { event_id: message.event_id, tenant_id: message.tenant_id, request_id: 'batch-test', attempt, traceparent: '' } as MessageHeaderValues, routingKey: 'business.resource_usage', redelivered: false, queue: 'notifications.events' },
  });
  const jobsOf = (eventId: string) => jobs.ids.filter((id) => id.startsWith(`${eventId}:`)).length;
  const livesOf = (eventId: string) => live.ids.filter((id) => live.received.get(id)?.headers['event_id'] === eventId).length;

  it('stores, pushes and sends each event of a batch once: a redelivered event and two copies of one in the batch add nothing', async () => {
    const consumer = app.app.get(EventNotificationConsumer);
    const stored = usage('stored before');
    expect(await consumer.handleBatch([itemOf(stored)])).toEqual([{ kind: 'done' }]);
    const twice = usage('twice in the batch');
    const fresh = usage('fresh');
    const outcomes = await consumer.handleBatch([itemOf(stored, 2), itemOf(twice), itemOf(fresh), itemOf(twice)]);
    expect(outcomes.map((o) => o.kind)).toEqual(['done', 'done', 'done', 'done']);

    for (const event of [stored, twice, fresh]) expect(await notificationsOf(event.event_id)).toBe(1);
    // one webhook job and one live push (u_ops, the route's default recipient) per event, never more
    await eventually(async () => ([stored, twice, fresh].every((e) => jobsOf(e.event_id) === 1 && livesOf(e.event_id) === 1) ? true : undefined), 10_000, 'the fan-out');
    await new Promise((r) => setTimeout(r, 500));
    for (const event of [stored, twice, fresh]) {
      expect(jobsOf(event.event_id)).toBe(1);
      expect(livesOf(event.event_id)).toBe(1);
    }
    const [report] = await app.dataSource.query('SELECT status, attempts FROM event_processing WHERE event_id = $1', [stored.event_id]);
    expect(report).toEqual({ status: 'processed', attempts: 1 });
  }, SLOW);

  it('fails only the event the database refuses: the rest of its batch is stored once, the bad one is retried and dead-lettered', async () => {
    const consumer = app.app.get(EventNotificationConsumer);
    // a NUL character: valid JSON, but Postgres refuses it in text and jsonb
    const poison = usage('poison \u0000 here', 'u_poison');
    const good = Array.from({ length: 5 }, (_, i) => usage(`good ${i}`, 'u_poison'));
    // the batch as one transaction fails (nothing of it is stored), so the host handles each event on its own
    await expect(consumer.handleBatch([...good.slice(0, 2), poison, ...good.slice(2)].map((m) => itemOf(m)))).rejects.toThrow();
    expect(await storedFor('u_poison')).toBe(0);

    // through the queue: published together, batched by the host
    await Promise.all([...good.slice(0, 2), poison, ...good.slice(2)].map((m) => publishEvent(app, m)));
    await eventually(async () => ((await storedFor('u_poison')) === 5 ? true : undefined), 15_000, 'the good events');
    for (const event of good) expect(await notificationsOf(event.event_id)).toBe(1);
    const failed = await eventually(async () => {
      const [report] = await app.dataSource.query('SELECT status, attempts, last_error FROM event_processing WHERE event_id = $1', [poison.event_id]);
      return report?.status === 'failed' ? report : undefined;
    }, 20_000, 'the poison event failed');
    expect(failed).toMatchObject({ status: 'failed', attempts: 4 });
    expect(await notificationsOf(poison.event_id)).toBe(0);
    const dead = await drainDeadLetters(infra);
    expect(dead).toContain(poison.event_id);
    expect(dead.filter((id) => good.some((g) => g.event_id === id))).toEqual([]);
  }, SLOW);

  it('loses and duplicates nothing when the database is cut in the middle of a batch', async () => {
    const events = Array.from({ length: 30 }, (_, i) => usage(`cut ${i}`, 'u_cut'));
    // hold the order lock from outside the proxy, so the batches stop in the middle of their transaction
    const holder = new Client({ connectionString: infra.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [NOTIFICATION_ORDER_LOCK]);
      await Promise.all(events.map((m) => publishEvent(app, m)));
      const waiting = async () =>
        (
          await holder.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [NOTIFICATION_ORDER_LOCK],
          )
        ).rows[0].n > 0;
      await eventually(async () => ((await waiting()) ? true : undefined), 10_000, 'a batch waiting for the order lock');
      proxy.cut();
      await holder.query('COMMIT');
      await new Promise((r) => setTimeout(r, 300));
      proxy.restore();
    } finally {
      proxy.restore();
      await holder.end();
    }
    await eventually(async () => ((await storedFor('u_cut')) >= 30 ? true : undefined), 30_000, 'every event after the cut');
    await eventually(async () => (events.every((e) => jobsOf(e.event_id) >= 1 && livesOf(e.event_id) >= 1) ? true : undefined), 15_000, 'the fan-out');
    await new Promise((r) => setTimeout(r, 500));
    expect(await storedFor('u_cut')).toBe(30);
    // the cut did hit a batch in its transaction: its events were stored by a later attempt
    const [{ max }] = await app.dataSource.query('SELECT max(attempts)::int AS max FROM event_processing WHERE event_id = ANY($1::uuid[])', [events.map((e) => e.event_id)]);
    expect(max).toBeGreaterThanOrEqual(2);
    for (const event of events) {
      expect(await notificationsOf(event.event_id)).toBe(1);
      expect(jobsOf(event.event_id)).toBe(1);
      expect(livesOf(event.event_id)).toBe(1);
    }
  }, SLOW);

  it('commits concurrent batches in seq order: a reader polling the feed only ever sees its oldest part', async () => {
    const total = 600;
    const token = app.token({ sub: 'u_race', tenant_id: TENANT, scope: ['notifications:read'] });
    const summaries = async () => (await readFeed(app, token, '?limit=100')).body.data.map((n) => n.summary);
    // publish fast enough that several batches are in flight at once
    for (let i = 0; i < total; i += 100) await Promise.all(Array.from({ length: 100 }, (_, j) => publishEvent(app, usage(`race ${i + j}`, 'u_race'))));
    const snapshots: string[][] = [];
    const deadline = Date.now() + 30_000;
    while ((await storedFor('u_race')) < total && Date.now() < deadline) snapshots.push(await summaries());
    const final = await summaries();
    expect(await storedFor('u_race')).toBe(total);
    expect(snapshots.length).toBeGreaterThan(0);
    const positions = await app.dataSource.query(
      `SELECT n.summary FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id
       WHERE r.tenant_id = $1 AND r.user_id = 'u_race' ORDER BY r.seq DESC`,
      [TENANT],
    );
    const all: string[] = positions.map((p: { summary: string }) => p.summary);
    expect(final).toEqual(all.slice(0, 100));
    for (const seen of snapshots.filter((s) => s.length > 0)) {
      // each view is a contiguous stretch of the final order (nothing appeared later between its items), and a short one reaches the oldest
      const start = all.indexOf(seen[0]);
      expect(seen).toEqual(all.slice(start, start + seen.length));
      if (seen.length < 100) expect(start + seen.length).toBe(all.length);
    }
  }, SLOW);
});

/** The event ids in the dead-letter queue now (taken out of it). */
async function drainDeadLetters(infra: TestInfrastructure): Promise<string[]> {
  const amqplib = await import('amqplib');
  const connection = await amqplib.connect(infra.amqpUrl);
  try {
    const channel = await connection.createChannel();
    const ids: string[] = [];
    for (;;) {
      const msg = await channel.get(infra.amqpPrefix + DEAD_LETTER_QUEUE, { noAck: true });
      if (!msg) break;
      ids.push(String(msg.properties.headers?.['event_id']));
    }
    return ids;
  } finally {
    await connection.close();
  }
}
