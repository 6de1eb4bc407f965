// GET /api/v1/notifications against real Postgres and RabbitMQ: events are published to
// herald.events exactly as the relay does, consumed by the app, and read back per user.
import { EventAcceptedMessage } from '@herald/contracts';
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

const TENANT = 'tn_feed';
const OTHER = 'tn_other';

describe('notification-service GET /api/v1/notifications', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let reader: string;

  const publish = (message: EventAcceptedMessage) => publishEvent(app, message);
  const feed = (query = '', token = reader) => readFeed(app, token, query);

  const countFor = async (tenant: string) =>
    Number((await app.dataSource.query('SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1', [tenant]))[0].n);

  beforeAll(async () => {
    infra = await createTestInfrastructure('feed');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(app.dataSource, TENANT, [{ id: 'u1', roles: ['ops'] }, { id: 'u2', roles: ['exec'] }]);
    await seedTenant(app.dataSource, OTHER, [{ id: 'u1', roles: ['ops'] }]);
    reader = app.token({ sub: 'u1', tenant_id: TENANT, scope: ['notifications:read'] });
    const severities = ['low', 'medium', 'high', 'critical', 'high'];
    // one at a time: the feed's order is the order in which notifications are stored
    for (const [i, severity] of severities.entries()) {
      await publish(eventMessage({
        tenant_id: TENANT,
        type: 'resource_usage',
        payload: { resource_type: 'cpu', usage: i, severity, summary: `usage ${i}` },
        customer_id: i === 0 ? 'cust_1' : null,
      }));
      await eventually(async () => ((await countFor(TENANT)) === i + 1 ? true : undefined), 5000, `notification ${i}`);
    }
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('returns 401 without a token', async () => {
    const { status, body } = await feed('', '');
    expect(status).toBe(401);
    expect(body.error?.code).toBe('AUTHENTICATION_REQUIRED');
  });

  it('returns 403 for a token with neither notifications:read nor a role, 200 for a role alone', async () => {
    const bare = app.token({ sub: 'u1', tenant_id: TENANT, scope: ['events:publish'] });
    expect((await feed('', bare)).status).toBe(403);
    const roleOnly = app.token({ sub: 'u1', tenant_id: TENANT, roles: ['ops'] });
    expect((await feed('', roleOnly)).body.data).toHaveLength(5);
  });

  it('pages newest first with a cursor, without repeats, and honours offset', async () => {
    const seen = await readWholeFeed(app, reader, 2);
    expect(seen).toEqual(['usage 4', 'usage 3', 'usage 2', 'usage 1', 'usage 0']);
    expect((await feed('?offset=3&limit=10')).body.data.map((n) => n.summary)).toEqual(['usage 1', 'usage 0']);
  });

  it('filters by severity list, customer and read status', async () => {
    const high = await feed('?severity=high,critical');
    expect(high.body.data.map((n) => n.severity).sort()).toEqual(['critical', 'high', 'high']);
    expect((await feed('?customer_id=cust_1')).body.data.map((n) => n.summary)).toEqual(['usage 0']);
    expect((await feed('?status=unread')).body.data).toHaveLength(5);
    expect((await feed('?status=read')).body.data).toHaveLength(0);
  });

  it('returns 400 for a bad limit, status or cursor', async () => {
    for (const query of ['?limit=500', '?limit=abc', '?status=bogus', '?cursor=not-a-cursor']) {
      const { status, body } = await feed(query);
      expect(status).toBe(400);
      expect(body.error?.code).toBe('VALIDATION_ERROR');
    }
  });

  it('shows a user nothing of another tenant, even with the same user id', async () => {
    const otherTenantUser = app.token({ sub: 'u1', tenant_id: OTHER, scope: ['notifications:read'] });
    expect((await feed('', otherTenantUser)).body.data).toEqual([]);
  });

  it('stores a redelivered event once', async () => {
    const message = eventMessage({ tenant_id: OTHER, type: 'resource_usage', payload: { resource_type: 'disk', usage: 1, summary: 'dup' } });
    await publish(message);
    await publish(message);
    await eventually(async () => ((await countFor(OTHER)) >= 1 ? true : undefined), 5000, 'the notification');
    await new Promise((r) => setTimeout(r, 300));
    expect(await countFor(OTHER)).toBe(1);
    const otherTenantUser = app.token({ sub: 'u1', tenant_id: OTHER, scope: ['notifications:read'] });
    expect((await feed('', otherTenantUser)).body.data.map((n) => n.summary)).toEqual(['dup']);
  });
});
