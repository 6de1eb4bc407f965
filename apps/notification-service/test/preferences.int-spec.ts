// GET/PUT /api/v1/notifications/preferences against real Postgres and RabbitMQ (SPEC §7): the
// caller's own preferences, general or per customer, validated (400 wrong type, 422 unknown
// name), audited; and the consumer honouring them for the feed, critical alerts excepted.
import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { createTestInfrastructure, eventMessage, eventually, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent } from './feed-client';

const TENANT = 'tn_prefs';
const OTHER = 'tn_prefs_other';

type View = { customer_id: string | null; source: string; channels: Record<string, boolean>; events: Record<string, unknown>; groups: Record<string, unknown>; updated_at: string | null };
type Answer = { status: number; body: { data: View; error?: { code: string; details: { errors?: Array<{ path: string }> } } } };

describe('notification-service preferences', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let ana: string;

  async function call(method: 'GET' | 'PUT', token: string, query = '', body?: unknown): Promise<Answer> {
    const res = await fetch(`${app.url}/api/v1/notifications/preferences${query}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  beforeAll(async () => {
    infra = await createTestInfrastructure('preferences');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(app.dataSource, TENANT, [{ id: 'u_ana', roles: ['ops'] }, { id: 'u_mute', roles: ['ops'] }]);
    await seedTenant(app.dataSource, OTHER, [{ id: 'u_ana', roles: ['ops'] }]);
    ana = app.token({ sub: 'u_ana', tenant_id: TENANT, scope: ['notifications:read'] });
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('answers the defaults before anything is set; 401 without a token, 403 without scope or role', async () => {
    const res = await call('GET', ana);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ customer_id: null, source: 'default', channels: { in_app: true, email: true, sms: false }, events: {}, groups: {}, updated_at: null });
    expect((await call('GET', '')).status).toBe(401);
    expect((await call('GET', app.token({ sub: 'u_ana', tenant_id: TENANT, scope: ['events:publish'] }))).status).toBe(403);
  });

  it('stores the caller’s general preferences, audits the change, and keeps them per tenant', async () => {
    const body = { channels: { sms: true }, events: { 'review.created': { enabled: true, channels: ['email'] } }, groups: { finance: { enabled: false } } };
    const put = await call('PUT', ana, '', body);
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ source: 'user', channels: { in_app: true, email: true, sms: true }, groups: { finance: { enabled: false } } });
    expect((await call('GET', ana)).body.data).toEqual(put.body.data);

    const audit: Array<{ actor: string; action: string; entity_id: string; fingerprint: string }> = await app.dataSource.query(
      `SELECT actor, action, entity_id, fingerprint FROM notification_audit WHERE tenant_id = $1`,
      [TENANT],
    );
    const { channels, events, groups } = put.body.data;
    expect(audit).toEqual([
      { actor: 'user:u_ana', action: 'preferences.updated', entity_id: 'u_ana', fingerprint: createHash('sha256').update(canonicalize({ channels, events, groups })).digest('hex') },
    ]);
    const foreigner = app.token({ sub: 'u_ana', tenant_id: OTHER, scope: ['notifications:read'] });
    expect((await call('GET', foreigner)).body.data.source).toBe('default');
  });

  it('keeps a customer’s own preferences apart; another customer falls back to the general ones', async () => {
    await call('PUT', ana, '', { channels: { email: true } });
    const put = await call('PUT', ana, '?customer_id=cus_1', { channels: { email: false } });
    expect(put.body.data).toMatchObject({ customer_id: 'cus_1', source: 'customer', channels: { email: false } });
    expect((await call('GET', ana, '?customer_id=cus_1')).body.data.channels.email).toBe(false);
    const other = await call('GET', ana, '?customer_id=cus_2');
    expect(other.body.data).toMatchObject({ customer_id: 'cus_2', source: 'user', channels: { email: true } });
  });

  it('answers 400 for a wrong type and 422 for an unknown channel, event type or group, naming the path; nothing stored', async () => {
    const before = await call('GET', ana);
    const cases: Array<[unknown, number, string]> = [
      [[], 400, ''],
      [{ channels: { email: 'no' } }, 400, 'channels.email'],
      [{ events: { 'review.created': {} } }, 400, 'events.review.created.enabled'],
      [{ channels: { pigeon: true } }, 422, 'channels.pigeon'],
      [{ events: { 'no.such.type': { enabled: false } } }, 422, 'events.no.such.type'],
      [{ events: { revenue_impact: { enabled: true, channels: ['fax'] } } }, 422, 'events.revenue_impact.channels[0]'],
      [{ groups: { marketing: { enabled: false } } }, 422, 'groups.marketing'],
    ];
    for (const [body, status, path] of cases) {
      const res = await call('PUT', ana, '', body);
      expect({ body, status: res.status, code: res.body.error?.code, path: res.body.error?.details.errors?.[0]?.path }).toEqual({ body, status, code: 'VALIDATION_ERROR', path });
    }
    expect((await call('PUT', ana, '?customer_id=', {})).status).toBe(400);
    expect((await call('GET', ana)).body.data).toEqual(before.body.data);
  });

  it('leaves a user who turned the feed off for a type out of its notifications, except critical ones', async () => {
    const mute = app.token({ sub: 'u_mute', tenant_id: TENANT, scope: ['notifications:read'] });
    expect((await call('PUT', mute, '', { events: { resource_usage: { enabled: false } } })).status).toBe(200);
    const recipientsOf = async (severity: string) => {
      const message = eventMessage({ tenant_id: TENANT, type: 'resource_usage', payload: { resource_type: 'cpu', usage: 99, severity } });
      await publishEvent(app, message);
      return eventually(async () => {
        const rows: Array<{ users: string[] }> = await app.dataSource.query(
          `SELECT coalesce(array_agg(r.user_id ORDER BY r.user_id) FILTER (WHERE r.user_id IS NOT NULL), '{}') AS users
           FROM notifications n LEFT JOIN notification_recipients r ON r.notification_id = n.id
           WHERE n.tenant_id = $1 AND n.event_id = $2 GROUP BY n.id`,
          [TENANT, message.event_id],
        );
        return rows[0]?.users;
      }, 10_000, `the ${severity} notification`);
    };
    expect(await recipientsOf('low')).toEqual(['u_ana']);
    expect(await recipientsOf('critical')).toEqual(['u_ana', 'u_mute']);
  });
});
