// POST /api/v1/internal/events/batch against real Postgres, RabbitMQ and Redis: every valid
// item stored in one grouped commit, per-index errors with SPEC codes for the others, the
// list limits, the route's own 1 MiB body limit, and auth.
import { createTestInfrastructure, holdTableLock, startTestApp, TestApp, TestInfrastructure, outboxFlushCount } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const TENANT = 'tn_batch';

const validEvent = (n = 1, extra: Record<string, unknown> = {}) => ({
  type: 'revenue_impact',
  source: 'billing',
  timestamp: '2026-11-23T10:00:00Z',
  payload: { impact_amount: n, impact_type: 'increase', currency: 'USD', ...extra },
});

type ItemResult = { index: number; event_id?: string; error?: { code: string; status: number; details: { errors?: Array<{ path: string }> } } };
type BatchBody = { success: true; data: { results: ItemResult[] }; meta: { request_id: string } };
type ErrorBody = { success: false; error: { code: string; details: { errors?: Array<{ path: string; message: string }> } } };

describe('ingestion-gateway POST /api/v1/internal/events/batch', () => {
  let infra: TestInfrastructure;
  let gw: TestApp;
  /** The same app with a short write deadline. */
  let tight: TestApp;
  let token: string;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway_batch');
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    tight = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { OUTBOX_WRITE_TIMEOUT_MS: '1000' });
    token = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish'] });
  });

  afterAll(async () => {
    await gw?.close();
    await tight?.close();
    await infra?.teardown();
  });

  const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }, path = 'batch', app = gw) =>
    fetch(`${app.url}/api/v1/internal/events${path ? `/${path}` : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('stores a batch of 100 events in one grouped commit and lists every event id by index', async () => {
    const before = await outboxFlushCount(gw);
    const res = await post({ events: Array.from({ length: 100 }, (_, i) => validEvent(i)) });
    expect(res.status).toBe(202);
    const body = (await res.json()) as BatchBody;
    expect(body.data.results.map((r) => r.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const ids = body.data.results.map((r) => r.event_id);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(await outboxFlushCount(gw)).toBe(before + 1);
    const [{ n }] = await gw.dataSource.query(
      'SELECT count(*)::int AS n FROM events WHERE id = ANY($1::uuid[]) AND tenant_id = $2 AND request_id = $3',
      [ids, TENANT, body.meta.request_id],
    );
    expect(n).toBe(100);
  });

  it('accepts the valid items and answers each invalid one with its own SPEC code and path', async () => {
    const items: unknown[] = [
      validEvent(1),
      { ...validEvent(), timestamp: 12 },
      { ...validEvent(), type: 'no_such_type' },
      { ...validEvent(), payload: { impact_type: 'increase' } },
      { ...validEvent(), tenant_id: 'tn_someone_else' },
      validEvent(2, { severity: 'critical' }),
      validEvent(3, { note: 'x'.repeat(70 * 1024) }),
      42,
      { ...validEvent(), schema_version: 99 },
      validEvent(4),
    ];
    const res = await post({ events: items });
    expect(res.status).toBe(202);
    const { data, meta } = (await res.json()) as BatchBody;
    const summary = data.results.map((r) => (r.event_id ? 'ok' : `${r.error?.status} ${r.error?.code} ${r.error?.details.errors?.[0]?.path ?? ''}`.trim()));
    expect(summary).toEqual([
      'ok',
      '400 VALIDATION_ERROR timestamp',
      '422 VALIDATION_ERROR type',
      '422 VALIDATION_ERROR payload.impact_amount',
      '403 INSUFFICIENT_PERMISSIONS',
      '403 INSUFFICIENT_PERMISSIONS',
      '413 PAYLOAD_TOO_LARGE',
      '400 VALIDATION_ERROR',
      '422 VALIDATION_ERROR schema_version',
      'ok',
    ]);
    const rows: Array<{ id: string }> = await gw.dataSource.query('SELECT id FROM events WHERE request_id = $1 ORDER BY id', [meta.request_id]);
    expect(rows.map((r) => r.id).sort()).toEqual([data.results[0].event_id, data.results[9].event_id].sort());
  });

  it('accepts a high-severity item with alerts:publish', async () => {
    const alerter = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish', 'alerts:publish'] });
    const res = await post({ events: [validEvent(5, { severity: 'high' })] }, { authorization: `Bearer ${alerter}` });
    expect(res.status).toBe(202);
    expect(((await res.json()) as BatchBody).data.results[0].event_id).toEqual(expect.any(String));
  });

  it('returns 422 naming events for 101 events and for an empty list, storing nothing', async () => {
    for (const events of [Array.from({ length: 101 }, (_, i) => validEvent(i)), []]) {
      const res = await post({ events });
      expect(res.status).toBe(422);
      const err = (await res.json()) as ErrorBody;
      expect(err.error.code).toBe('VALIDATION_ERROR');
      expect(err.error.details.errors?.[0].path).toBe('events');
      const [{ n }] = await gw.dataSource.query('SELECT count(*)::int AS n FROM events WHERE request_id = $1', [res.headers.get('x-request-id')]);
      expect(n).toBe(0);
    }
  });

  it('takes a body over MAX_BODY_BYTES up to 1 MiB, and answers 413 above 1 MiB', async () => {
    const note = 'x'.repeat(40 * 1024);
    const medium = { events: Array.from({ length: 20 }, (_, i) => validEvent(i, { note })) };
    expect(JSON.stringify(medium).length).toBeGreaterThan(gw.config.maxBodyBytes);
    expect((await post(medium)).status).toBe(202);
    expect((await post(validEvent(1, { note: 'x'.repeat(gw.config.maxBodyBytes) }), undefined, '')).status).toBe(413);
    const huge = { events: Array.from({ length: 30 }, (_, i) => validEvent(i, { note })) };
    expect(JSON.stringify(huge).length).toBeGreaterThan(1024 * 1024);
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('returns 400 for a body that is not JSON, not an object, or whose events is not an array', async () => {
    for (const body of ['{"events": [', '[1,2]', '"events"', JSON.stringify({}), JSON.stringify({ events: { 0: validEvent() } })]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('returns 401 without a token and 403 without events:publish', async () => {
    const noToken = await post({ events: [validEvent()] }, {});
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as ErrorBody).error.code).toBe('AUTHENTICATION_REQUIRED');
    const reader = gw.token({ sub: 'u1', tenant_id: TENANT, roles: ['exec'], scope: ['notifications:read'] });
    const forbidden = await post({ events: [validEvent()] }, { authorization: `Bearer ${reader}` });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as ErrorBody).error.code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('answers 503 with Retry-After as a whole when no item could be stored in time', async () => {
    // Another session holds the events table, as on a stuck database.
    const release = await holdTableLock(infra.databaseUrl, 'events');
    try {
      const res = await post({ events: [validEvent(1), validEvent(2), { ...validEvent(), type: 'no_such_type' }] }, undefined, 'batch', tight);
      expect(res.status).toBe(503);
      expect(((await res.json()) as ErrorBody).error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await release();
    }
    expect((await post({ events: [validEvent(3)] }, undefined, 'batch', tight)).status).toBe(202);
  });
});
