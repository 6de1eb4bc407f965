// The live stream against real Postgres and RabbitMQ (SPEC §7): GET /notifications/sse sends
// each new notification of the caller as `id:` + `data:` (the feed item), replays what came
// after Last-Event-ID with nothing missed or twice while new ones arrive, beats, limits
// streams per user, never crosses tenants, pushes a redelivered event once (also when two
// deliveries race) and a notification whose process stopped after its commit; bearer header
// or `access_token` on this route only; the dev pushes (trigger, sse).
import { Client } from 'pg';
import { Exchanges } from '@herald/contracts';
import { NOTIFICATION_ORDER_LOCK } from '@herald/notifications';
import { OutboxRelay } from '@herald/platform/outbox';
import { countMessages, createTestInfrastructure, eventMessage, eventually, seedApiKey, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent } from './feed-client';
import { LiveClient, openLiveStream } from './sse-client';

const TENANT = 'tn_live';
const OTHER = 'tn_live_other';

describe('notification-service live stream', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  const clients: LiveClient[] = [];
  const token = (sub: string, tenant = TENANT, scope: string[] = ['notifications:read']) =>
    app.token({ sub, tenant_id: tenant, scope: scope as never });

  async function open(options: Parameters<typeof openLiveStream>[1]): Promise<LiveClient> {
    const client = await openLiveStream(app, options);
    clients.push(client);
    return client;
  }

  /** Publishes a notification event for `users` of `tenant`; returns its event id. */
  async function notify(users: string[], summary: string, tenant = TENANT): Promise<string> {
    const message = eventMessage({ tenant_id: tenant, kind: 'notification', type: 'content.approved', payload: { content_id: summary, summary }, recipients: { users } });
    await publishEvent(app, message);
    return message.event_id;
  }

  async function notificationOf(eventId: string): Promise<string> {
    return eventually(async () => {
      const rows: Array<{ id: string }> = await app.dataSource.query('SELECT id FROM notifications WHERE event_id = $1', [eventId]);
      return rows[0]?.id;
    }, 10_000, `the notification of event ${eventId}`);
  }

  const settle = (ms = 700) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    infra = await createTestInfrastructure('live_stream');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { SSE_HEARTBEAT_MS: '200', SSE_MAX_PER_USER: '2' });
    await seedTenant(app.dataSource, TENANT, ['u_ana', 'u_ben', 'u_cat', 'u_dan', 'u_eve', 'u_fay'].map((id) => ({ id })));
    await seedTenant(app.dataSource, OTHER, [{ id: 'u_ana' }]);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('sends a new notification as id: (its id) and data: (the feed item, as GET /notifications/:id shows it), with the stream headers', async () => {
    const client = await open({ token: token('u_ana') });
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(client.headers.get('cache-control')).toBe('no-cache');
    expect(client.headers.get('x-accel-buffering')).toBe('no');
    const id = await notificationOf(await notify(['u_ana'], 'hello live'));
    const [event] = await client.waitForEvents(1);
    expect(event.id).toBe(id);
    const item = await fetch(`${app.url}/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${token('u_ana')}` } });
    expect(event.data).toEqual(((await item.json()) as { data: unknown }).data);
    expect(event.data).toMatchObject({ id, summary: 'hello live', read: false, read_at: null });
  });

  it('answers CORS for a portal origin', async () => {
    const client = await open({ token: token('u_ana'), headers: { origin: 'http://localhost:3004' } });
    expect(client.status).toBe(200);
    expect(client.headers.get('access-control-allow-origin')).toBe('http://localhost:3004');
  });

  it('takes access_token from the query on this route only; other routes refuse it', async () => {
    const client = await open({ query: `?access_token=${token('u_ben')}` });
    expect(client.status).toBe(200);
    const id = await notificationOf(await notify(['u_ben'], 'for ben'));
    expect((await client.waitForEvents(1))[0].id).toBe(id);
    for (const path of ['', `/${id}`, '/preferences']) {
      const res = await fetch(`${app.url}/api/v1/notifications${path}?access_token=${token('u_ben')}`);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
    }
    // an API key works there too, and nowhere else
    const { key } = await seedApiKey(app.dataSource, TENANT, { scopes: ['notifications:read'] });
    expect((await open({ query: `?access_token=${key}` })).status).toBe(200);
    expect((await fetch(`${app.url}/api/v1/notifications?access_token=${key}`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/v1/notifications`, { headers: { 'x-api-key': key } })).status).toBe(200);
  });

  it('answers 401 without a valid token and 403 without the scope or a role, as JSON, before any stream', async () => {
    for (const options of [{}, { token: 'not-a-jwt' }, { query: '?access_token=not-a-jwt' }]) {
      const client = await open(options);
      expect({ options, status: client.status, code: client.refusal?.error.code }).toEqual({ options, status: 401, code: 'AUTHENTICATION_REQUIRED' });
    }
    const forbidden = await open({ token: token('u_ana', TENANT, ['events:publish']) });
    expect(forbidden.status).toBe(403);
    expect(forbidden.refusal?.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    const withRole = await open({ token: app.token({ sub: 'u_ana', tenant_id: TENANT, roles: ['ops'] }) });
    expect(withRole.status).toBe(200);
  });

  it('replays after Last-Event-ID in order, then goes live: nothing missed, nothing twice, while new ones arrive', async () => {
    const first = await open({ token: token('u_cat') });
    const before = [];
    for (const n of [1, 2]) before.push(await notificationOf(await notify(['u_cat'], `cat ${n}`)));
    await first.waitForEvents(2);
    first.close();
    const missed = [];
    for (const n of [3, 4, 5]) missed.push(await notificationOf(await notify(['u_cat'], `cat ${n}`)));

    const arriving = [6, 7, 8, 9, 10, 11].map((n) => notify(['u_cat'], `cat ${n}`));
    const again = await open({ token: token('u_cat'), headers: { 'last-event-id': before[1] } });
    const later = await Promise.all((await Promise.all(arriving)).map(notificationOf));
    const events = await again.waitForEvents(9);
    await settle();
    const ids = again.events.map((e) => e.id);
    expect(ids.slice(0, 3)).toEqual(missed);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...missed, ...later].sort());
    expect(events.map((e) => e.data.summary)).not.toContain('cat 2');

    // EventSource reconnects may give it in the query instead
    const viaQuery = await open({ token: token('u_cat'), query: `?last_event_id=${missed[2]}` });
    await viaQuery.waitForEvents(6);
    await settle(300);
    expect(viaQuery.events.map((e) => e.id).sort()).toEqual([...later].sort());
  });

  it('refuses a stream beyond SSE_MAX_PER_USER with 429 and Retry-After, and frees the slot when a client leaves', async () => {
    const a = await open({ token: token('u_dan') });
    await open({ token: token('u_dan') });
    const refused = await open({ token: token('u_dan') });
    expect(refused.status).toBe(429);
    expect(refused.refusal?.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await open({ token: token('u_eve') })).status).toBe(200);
    const openStreams = async () => Number(/^herald_sse_streams(?:\{[^}]*\})? (\d+)$/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);
    const before = await openStreams();
    expect(before).toBeGreaterThanOrEqual(3);
    a.close();
    await eventually(async () => ((await openStreams()) === before - 1 ? true : undefined), 5000, 'the herald_sse_streams gauge down by one');
    await eventually(async () => {
      const next = await openLiveStream(app, { token: token('u_dan') });
      clients.push(next);
      return next.status === 200 ? true : undefined;
    }, 5000, 'a free slot after a client left');
  });

  it('sends a heartbeat comment every SSE_HEARTBEAT_MS', async () => {
    const client = await open({ token: token('u_eve') });
    await client.waitFor(() => client.comments.filter((c) => c === 'heartbeat').length >= 3, 'three heartbeats', 3000);
  });

  it('never sends one tenant’s notification to a user of another tenant with the same id', async () => {
    const foreign = await open({ token: token('u_ana', OTHER) });
    const own = await open({ token: token('u_ana') });
    const id = await notificationOf(await notify(['u_ana'], 'only for tn_live'));
    await own.waitFor(() => own.events.some((e) => e.id === id), 'the own tenant’s push');
    const push = await fetch(`${app.url}/api/v1/notifications/sse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token('u_ana', TENANT, ['notifications:publish'])}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'chats', event: 'message_received', title: 'To every live user of tn_live' }),
    });
    expect(push.status).toBe(202);
    await own.waitFor(() => own.events.length >= 2, 'the tenant-wide dev push');
    await settle();
    expect(foreign.events).toEqual([]);
  });

  it('pushes a redelivered event once', async () => {
    const client = await open({ token: token('u_fay') });
    const live = await countMessages(infra, Exchanges.realtime, 'notification.#');
    const message = eventMessage({ tenant_id: TENANT, kind: 'notification', type: 'content.approved', payload: { content_id: 'twice', summary: 'twice' }, recipients: { users: ['u_fay'] } });
    await publishEvent(app, message);
    await publishEvent(app, message);
    const id = await notificationOf(message.event_id);
    await client.waitForEvents(1);
    await settle(1500);
    expect(client.events.map((e) => e.id)).toEqual([id]);
    expect(live.ids.filter((messageId) => messageId.startsWith(id))).toEqual([`${id}/0`]);
    await live.close();
  });

  it('pushes a notification whose process stopped between commit and publish: the outbox row is published after its lease', async () => {
    const client = await open({ token: token('u_fay') });
    const relay = app.app.get(OutboxRelay);
    const publishNow = relay.publishNow.bind(relay);
    // the committed rows are never handed to the broker, as if the process died right after the commit
    relay.publishNow = () => undefined;
    let id: string;
    try {
      id = await notificationOf(await notify(['u_fay'], 'after a crash'));
    } finally {
      relay.publishNow = publishNow;
    }
    const [event] = await client.waitForEvents(1, 15_000);
    expect(event.id).toBe(id);
    await eventually(async () => ((await app.dataSource.query('SELECT count(*)::int AS n FROM notification_outbox'))[0].n === 0 ? true : undefined), 5000, 'an empty outbox');
  }, 20_000);

  it('pushes once when two deliveries of one event race to store it (the loser rolls its outbox rows back)', async () => {
    const client = await open({ token: token('u_fay') });
    const live = await countMessages(infra, Exchanges.realtime, 'notification.#');
    const message = eventMessage({ tenant_id: TENANT, kind: 'notification', type: 'content.approved', payload: { content_id: 'race', summary: 'race' }, recipients: { users: ['u_fay'] } });
    const holder = new Client({ connectionString: infra.databaseUrl });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [NOTIFICATION_ORDER_LOCK]);
      const waitingForLock = (count: number) =>
        eventually(async () => {
          const [{ n }] = await app.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_locks
             WHERE locktype = 'advisory' AND NOT granted AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [NOTIFICATION_ORDER_LOCK],
          );
          return n === count ? true : undefined;
        }, 10_000, `${count} handler(s) waiting for the order lock`);
      // the second delivery once the first waits, so they are in two batches (two copies in one batch are deduplicated before any write)
      await publishEvent(app, message);
      await waitingForLock(1);
      await publishEvent(app, message);
      // both handlers looked, found nothing, wrote their outbox rows and now wait for the order lock
      await waitingForLock(2);
      await holder.query('SELECT pg_advisory_unlock($1)', [NOTIFICATION_ORDER_LOCK]);
    } finally {
      await holder.end();
    }
    const id = await notificationOf(message.event_id);
    await client.waitForEvents(1);
    await settle(1500);
    expect(client.events.map((e) => e.id)).toEqual([id]);
    expect(live.ids.filter((messageId) => messageId.startsWith(id))).toEqual([`${id}/0`]);
    expect((await app.dataSource.query('SELECT count(*)::int AS n FROM notification_outbox'))[0].n).toBe(0);
    await live.close();
  });

  it('dev routes: POST /notifications/trigger goes through the queue into the feed; POST /notifications/sse goes straight to live streams', async () => {
    const publisher = token('u_ana', TENANT, ['notifications:publish']);
    const client = await open({ token: token('u_ben') });
    const body = { type: 'chats', event: 'message_received', title: 'Test Notification', content: 'This is a test notification', customer_id: 'cus_1', user_ids: ['u_ben'], rec_type: 'chats', rec_id: 'room-1' };
    const post = (path: string, payload: unknown) =>
      fetch(`${app.url}/api/v1/notifications/${path}`, { method: 'POST', headers: { authorization: `Bearer ${publisher}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) });

    const triggered = await post('trigger', body);
    expect(triggered.status).toBe(202);
    const { data } = (await triggered.json()) as { data: { event_id: string; queued: boolean } };
    expect(data.queued).toBe(true);
    const stored = await notificationOf(data.event_id);
    const [viaQueue] = await client.waitForEvents(1);
    expect(viaQueue).toMatchObject({ id: stored, data: { type: 'chats.message_received', title: 'Test Notification', summary: 'This is a test notification', customer_id: 'cus_1' } });

    const pushed = await post('sse', body);
    expect(pushed.status).toBe(202);
    const direct = (await client.waitForEvents(2))[1];
    expect(direct.data).toMatchObject({ type: 'chats.message_received', title: 'Test Notification', read: false });
    const lookup = await fetch(`${app.url}/api/v1/notifications/${direct.id}`, { headers: { authorization: `Bearer ${token('u_ben')}` } });
    expect(lookup.status).toBe(404);

    expect((await post('sse', { title: 'no type' })).status).toBe(400);
    const reader = await fetch(`${app.url}/api/v1/notifications/trigger`, { method: 'POST', headers: { authorization: `Bearer ${token('u_ben')}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(reader.status).toBe(403);
  });
});
