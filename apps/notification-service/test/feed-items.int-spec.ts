// A user's own feed items against real Postgres and RabbitMQ (SPEC §7): read one, mark it read
// or unread (POST and PATCH, idempotent), acknowledge several (only what the caller can see,
// naming only those), hide one for the caller only. Another user's or tenant's item is 404.
import { randomUUID } from 'node:crypto';
import { createTestInfrastructure, eventMessage, eventually, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent, readFeed } from './feed-client';

const TENANT = 'tn_items';
const OTHER = 'tn_items_other';

type Item = { id: string; read: boolean; read_at: string | null; summary: string };
type Answer<T> = { status: number; body: { success: boolean; data: T; error?: { code: string } } };

describe('notification-service feed items', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let ana: string;
  let ben: string;
  let cat: string;
  let foreigner: string;
  /** Notifications for ana and ben, oldest first. */
  let shared: string[];
  /** A notification of the other tenant, for its u_ana. */
  let foreign: string;

  async function notify(tenant: string, users: string[], summary: string): Promise<string> {
    const message = eventMessage({
      tenant_id: tenant,
      kind: 'notification',
      type: 'content.approved',
      payload: { content_id: summary, summary },
      recipients: { users },
    });
    await publishEvent(app, message);
    return eventually(async () => {
      const rows: Array<{ id: string }> = await app.dataSource.query('SELECT id FROM notifications WHERE tenant_id = $1 AND event_id = $2', [tenant, message.event_id]);
      return rows[0]?.id;
    }, 10_000, `the notification of ${summary}`);
  }

  async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<Answer<T>> {
    const res = await fetch(`${app.url}/api/v1/notifications${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer<T>['body'] };
  }

  beforeAll(async () => {
    infra = await createTestInfrastructure('feed_items');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(app.dataSource, TENANT, [{ id: 'u_ana' }, { id: 'u_ben' }, { id: 'u_cat' }]);
    await seedTenant(app.dataSource, OTHER, [{ id: 'u_ana' }]);
    const token = (tenant: string, sub: string) => app.token({ sub, tenant_id: tenant, scope: ['notifications:read'] });
    [ana, ben, cat, foreigner] = [token(TENANT, 'u_ana'), token(TENANT, 'u_ben'), token(TENANT, 'u_cat'), token(OTHER, 'u_ana')];
    shared = [];
    for (const summary of ['first', 'second', 'third', 'fourth']) shared.push(await notify(TENANT, ['u_ana', 'u_ben'], summary));
    foreign = await notify(OTHER, ['u_ana'], 'foreign');
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('returns one of the caller’s items, and 404 for another user’s, another tenant’s, an unknown or a malformed id', async () => {
    const mine = await call<Item>('GET', `/${shared[0]}`, ana);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({ id: shared[0], summary: 'first', read: false, read_at: null });
    for (const [path, token] of [[`/${shared[0]}`, cat], [`/${shared[0]}`, foreigner], [`/${foreign}`, ana], [`/${randomUUID()}`, ana], ['/not-a-uuid', ana]]) {
      const res = await call('GET', path, token);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 404, code: 'RESOURCE_NOT_FOUND' });
    }
    expect((await call('GET', `/${shared[0]}`, '')).status).toBe(401);
  });

  it('marks read with POST (no body) idempotently, and unread with PATCH {read: false}, for the caller only', async () => {
    const first = await call<Item>('POST', `/${shared[1]}/read`, ana);
    expect(first.status).toBe(200);
    expect(first.body.data.read).toBe(true);
    expect(first.body.data.read_at).toEqual(expect.any(String));
    const again = await call<Item>('POST', `/${shared[1]}/read`, ana, { read: true });
    expect(again.body.data.read_at).toBe(first.body.data.read_at);
    expect((await call<Item>('GET', `/${shared[1]}`, ben)).body.data.read).toBe(false);

    const unread = await call<Item>('PATCH', `/${shared[1]}/read`, ana, { read: false });
    expect(unread.status).toBe(200);
    expect(unread.body.data).toMatchObject({ read: false, read_at: null });
    const patched = await call<Item>('PATCH', `/${shared[1]}/read`, ana);
    expect(patched.body.data.read).toBe(true);
  });

  it('answers 400 for a read body of the wrong type and 404 for an item that is not the caller’s', async () => {
    const bad = await call('PATCH', `/${shared[1]}/read`, ana, { read: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION_ERROR');
    expect((await call('POST', `/${shared[1]}/read`, cat)).status).toBe(404);
    expect((await call('POST', `/${foreign}/read`, ana)).status).toBe(404);
    expect((await call('PATCH', '/nope/read', ana)).status).toBe(404);
  });

  it('acknowledges only what the caller can see and names only those', async () => {
    const res = await call<{ acknowledged: string[] }>('POST', '/ack', ben, { ids: [shared[2], shared[3], foreign, randomUUID(), 'garbage', shared[2]] });
    expect(res.status).toBe(200);
    expect(res.body.data.acknowledged.sort()).toEqual([shared[2], shared[3]].sort());
    const unread = await readFeed(app, ben, '?status=unread');
    expect(unread.body.data.map((n) => n.id)).not.toEqual(expect.arrayContaining([shared[2]]));
    expect(unread.body.data.map((n) => n.id)).not.toEqual(expect.arrayContaining([shared[3]]));
    // the other tenant's item stays unread for its own user
    expect((await call<Item>('GET', `/${foreign}`, foreigner)).body.data.read).toBe(false);
  });

  it('answers 400 for an ack without ids, with an empty list, a non-array or over 100 ids', async () => {
    for (const body of [{}, { ids: [] }, { ids: 'x' }, { ids: [1] }, { ids: Array.from({ length: 101 }, () => randomUUID()) }]) {
      const res = await call('POST', '/ack', ana, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
  });

  it('hides an item for the caller only; a second delete is 404; another tenant’s is 404', async () => {
    const deleted = await call<{ id: string; deleted: boolean }>('DELETE', `/${shared[0]}`, ana);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ id: shared[0], deleted: true });
    expect((await call('GET', `/${shared[0]}`, ana)).status).toBe(404);
    expect((await readFeed(app, ana, '?limit=100')).body.data.map((n) => n.id)).not.toContain(shared[0]);
    expect((await call<Item>('GET', `/${shared[0]}`, ben)).status).toBe(200);
    expect((await call('DELETE', `/${shared[0]}`, ana)).status).toBe(404);
    expect((await call('DELETE', `/${foreign}`, ana)).status).toBe(404);
    expect((await call<Item>('GET', `/${foreign}`, foreigner)).status).toBe(200);
  });
});
