// POST /api/v1/internal/events against real Postgres, RabbitMQ and Redis: the success path
// and every failure a client can hit (auth, scope, tenant, shape, schema, size).
import jwt from 'jsonwebtoken';
import { EVENT_SCHEMA_DEFINITIONS } from '@herald/contracts';
import { createTestInfrastructure, seedApiKey, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const TENANT = 'tn_gateway';

const validEvent = () => ({
  type: 'revenue_impact',
  source: 'billing',
  timestamp: '2026-11-23T10:00:00Z',
  payload: { impact_amount: 2500, impact_type: 'increase', currency: 'USD' },
});

describe('ingestion-gateway POST /api/v1/internal/events', () => {
  let infra: TestInfrastructure;
  let gw: TestApp;
  let token: string;
  /** May also publish high and critical alerts (some catalog examples are). */
  let alerter: string;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway');
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { MAX_BODY_BYTES: '4096', MAX_EVENT_PAYLOAD_BYTES: '1024' });
    token = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish'] });
    alerter = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish', 'alerts:publish'] });
  });

  afterAll(async () => {
    await gw?.close();
    await infra?.teardown();
  });

  const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    fetch(`${gw.url}/api/v1/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  type ErrorBody = { success: false; error: { code: string; message: string; details: { errors?: Array<{ path: string }> } }; meta: { request_id: string } };
  const errorOf = async (res: Response) => (await res.json()) as ErrorBody;

  it('accepts a valid event with 202, stores it with its outbox row and generates a request id', async () => {
    const res = await post(validEvent());
    expect(res.status).toBe(202);
    const body = (await res.json()) as { success: boolean; data: { event_id: string; queued: boolean }; meta: { request_id: string } };
    expect(body.success).toBe(true);
    expect(body.data.queued).toBe(true);
    expect(res.headers.get('x-request-id')).toBe(body.meta.request_id);
    const [row] = await gw.dataSource.query('SELECT tenant_id, kind, schema_version, request_id FROM events WHERE id = $1', [body.data.event_id]);
    expect(row).toEqual({ tenant_id: TENANT, kind: 'business', schema_version: 1, request_id: body.meta.request_id });
  });

  it.each(EVENT_SCHEMA_DEFINITIONS.map((d) => [d.type, d.version, d] as const))(
    'accepts the catalog example of %s v%s and stores it with its type and version',
    async (type, version, definition) => {
      const payload = (definition.schema['examples'] as Array<Record<string, unknown>>)[0];
      const res = await post({ type, source: 'catalog', timestamp: '2026-11-23T10:00:00Z', schema_version: version, payload }, { authorization: `Bearer ${alerter}` });
      expect(res.status).toBe(202);
      const { data } = (await res.json()) as { data: { event_id: string } };
      const [row] = await gw.dataSource.query('SELECT type, schema_version, payload FROM events WHERE id = $1', [data.event_id]);
      expect(row).toEqual({ type, schema_version: version, payload });
    },
  );

  it('accepts an API key of the tenant (x-api-key or Bearer hk_…) and refuses a revoked one or one without the scope', async () => {
    await seedTenant(gw.dataSource, TENANT, []);
    const publisher = await seedApiKey(gw.dataSource, TENANT, { scopes: ['events:publish'] });
    const reader = await seedApiKey(gw.dataSource, TENANT, { scopes: ['notifications:read'] });
    const revoked = await seedApiKey(gw.dataSource, TENANT, { scopes: ['events:publish'], revokedAt: new Date() });
    const both: Array<Record<string, string>> = [{ 'x-api-key': publisher.key }, { authorization: `Bearer ${publisher.key}` }];
    for (const headers of both) {
      const res = await post(validEvent(), headers);
      expect(res.status).toBe(202);
      const eventId = ((await res.json()) as { data: { event_id: string } }).data.event_id;
      const [row] = await gw.dataSource.query('SELECT tenant_id FROM events WHERE id = $1', [eventId]);
      expect(row).toEqual({ tenant_id: TENANT });
    }
    expect((await post(validEvent(), { 'x-api-key': revoked.key })).status).toBe(401);
    const forbidden = await post(validEvent(), { 'x-api-key': reader.key });
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).error.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect((await post({ ...validEvent(), tenant_id: 'tn_someone_else' }, { 'x-api-key': publisher.key })).status).toBe(403);
  });

  it('accepts a rotated key within its grace period and refuses it after, and refuses an expired key', async () => {
    await seedTenant(gw.dataSource, TENANT, []);
    const hours = (n: number) => new Date(Date.now() + n * 3600_000);
    const inGrace = await seedApiKey(gw.dataSource, TENANT, { scopes: ['events:publish'], graceUntil: hours(24) });
    const pastGrace = await seedApiKey(gw.dataSource, TENANT, { scopes: ['events:publish'], graceUntil: hours(-1) });
    const expired = await seedApiKey(gw.dataSource, TENANT, { scopes: ['events:publish'], expiresAt: hours(-1) });
    expect((await post(validEvent(), { 'x-api-key': inGrace.key })).status).toBe(202);
    for (const key of [pastGrace.key, expired.key]) {
      const res = await post(validEvent(), { authorization: `Bearer ${key}` });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).error.code).toBe('AUTHENTICATION_REQUIRED');
    }
  });

  it('returns 401 AUTHENTICATION_REQUIRED without a token', async () => {
    const res = await post(validEvent(), {});
    expect(res.status).toBe(401);
    expect((await errorOf(res)).error.code).toBe('AUTHENTICATION_REQUIRED');
  });

  it('refuses alg:none, a wrong audience, a wrong secret and an expired token', async () => {
    const claims = { sub: 'svc', tenant_id: TENANT, scope: 'events:publish', iss: 'herald', aud: 'herald-api' };
    const none = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, '', { algorithm: 'none' });
    const wrongAud = jwt.sign({ ...claims, aud: 'other' }, gw.config.jwt.secret as string, { expiresIn: 60 });
    const wrongKey = jwt.sign(claims, 'another-secret-of-enough-length', { expiresIn: 60 });
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, gw.config.jwt.secret as string);
    const noExp = jwt.sign(claims, gw.config.jwt.secret as string);
    for (const bad of [none, wrongAud, wrongKey, expired, noExp]) {
      const res = await post(validEvent(), { authorization: `Bearer ${bad}` });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).error.code).toBe('AUTHENTICATION_REQUIRED');
    }
  });

  it('does not take a token from the query string', async () => {
    const res = await fetch(`${gw.url}/api/v1/internal/events?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validEvent()),
    });
    expect(res.status).toBe(401);
  });

  it('returns 403 without the events:publish scope', async () => {
    const reader = gw.token({ sub: 'u1', tenant_id: TENANT, roles: ['exec'], scope: ['notifications:read'] });
    const res = await post(validEvent(), { authorization: `Bearer ${reader}` });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).error.code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('returns 403 for a high-severity alert without alerts:publish, 202 with it', async () => {
    const alert = { ...validEvent(), payload: { ...validEvent().payload, severity: 'critical' } };
    const denied = await post(alert);
    expect(denied.status).toBe(403);
    const alerter = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish', 'alerts:publish'] });
    expect((await post(alert, { authorization: `Bearer ${alerter}` })).status).toBe(202);
  });

  it('returns 403 when the body names another tenant', async () => {
    const res = await post({ ...validEvent(), tenant_id: 'tn_someone_else' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).error.code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('returns 400 for a body that is not JSON, not an object, or has wrong field types', async () => {
    for (const body of ['{"type": ', '[1,2]', JSON.stringify({ ...validEvent(), timestamp: 12 })]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const err = await errorOf(res);
      expect(err.error.code).toBe('VALIDATION_ERROR');
      expect(JSON.stringify(err)).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it('returns 422 with the failing path for an unknown type, an unknown version and a schema failure', async () => {
    const unknownType = await post({ ...validEvent(), type: 'no_such_type' });
    expect(unknownType.status).toBe(422);
    expect((await errorOf(unknownType)).error.details.errors?.[0].path).toBe('type');
    const unknownVersion = await post({ ...validEvent(), schema_version: 99 });
    expect(unknownVersion.status).toBe(422);
    const badPayload = await post({ ...validEvent(), payload: { impact_type: 'increase' } });
    expect(badPayload.status).toBe(422);
    expect((await errorOf(badPayload)).error.details.errors?.map((e) => e.path)).toContain('payload.impact_amount');
  });

  it('returns 422 naming the path of a \\u0000 character, which the store cannot hold, and stores nothing', async () => {
    const res = await post({ ...validEvent(), payload: { ...validEvent().payload, tags: ['ok', 'bad\u0000'] } });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.error.details.errors?.[0].path).toBe('payload.tags[1]');
    const [{ n }] = await gw.dataSource.query('SELECT count(*)::int AS n FROM events WHERE request_id = $1', [error.meta.request_id]);
    expect(n).toBe(0);
  });

  it('returns 413 for a body over MAX_BODY_BYTES and for a payload over MAX_EVENT_PAYLOAD_BYTES', async () => {
    const huge = await post({ ...validEvent(), payload: { ...validEvent().payload, note: 'x'.repeat(5000) } });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).error.code).toBe('PAYLOAD_TOO_LARGE');
    const bigPayload = await post({ ...validEvent(), payload: { ...validEvent().payload, note: 'x'.repeat(1500) } });
    expect(bigPayload.status).toBe(413);
    expect((await errorOf(bigPayload)).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with a 404 envelope', async () => {
    const res = await fetch(`${gw.url}/api/v1/nope`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).error.code).toBe('RESOURCE_NOT_FOUND');
  });
});
