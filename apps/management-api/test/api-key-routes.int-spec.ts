// The tenant's API-key routes (SPEC §3, §9): the key shown once and only its hash at rest,
// rotation with a grace period, revocation refused by the guard within the cache's 5 s,
// scope/role checks, tenant isolation (404), plan gating, and an audit entry per change.
import { createHash } from 'node:crypto';
import type { ApiKeyView, RotatedApiKey } from '@herald/management';
import { eventually, seedApiKey, seedTenant, TestApp } from '@herald/platform/testing';
import { adminOf, auditOf, bearer, call, errorPaths, ManagementSuite, OPERATOR, startManagementApi } from './management-client';

/** Any key answer: a view, with the key and the replaced key on create and rotate. */
type Key = ApiKeyView & Partial<Pick<RotatedApiKey, 'key' | 'previous'>>;

const KEY_PATTERN = /^hk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const CACHE_TTL_MS = 5000;

describe('API-key routes', () => {
  let suite: ManagementSuite;
  let app: TestApp;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;

  beforeAll(async () => {
    suite = await startManagementApi('management_api_key_routes');
    app = suite.app;
    await seedTenant(app.dataSource, 'tn_a', [], 'scale');
    await seedTenant(app.dataSource, 'tn_b', [], 'enterprise');
    [adminA, adminB] = [adminOf(app, 'tn_a'), adminOf(app, 'tn_b')];
  });

  afterAll(() => suite?.close());

  const create = (auth: Record<string, string>, body: object) => call<Key>(app, 'POST', '/api-keys', auth, body);
  let serial = 0;
  const newKey = async (overrides: object = {}): Promise<Key> => {
    const res = await create(adminA, { name: `key ${++serial}`, scopes: ['keys:manage', 'events:publish'], ...overrides });
    expect(res.status).toBe(201);
    return res.body.data;
  };
  /** Polls until the guard refuses the key; returns how long that took. */
  const refusedWithin = async (key: string, since: number): Promise<number> =>
    eventually(async () => ((await call(app, 'GET', '/api-keys', { 'x-api-key': key })).status === 401 ? Date.now() - since : undefined), CACHE_TTL_MS + 2000, 'the key to be refused');

  it('creates a key shown once as hk_…, stores only the sha256 of its secret, and audits it', async () => {
    const res = await create({ ...adminA, 'x-request-id': 'req-create-key' }, { name: 'ci', scopes: ['events:publish', 'keys:manage'], rate_limit: 50 });
    expect(res.status).toBe(201);
    const { key, ...shown } = res.body.data;
    expect(shown).toEqual({
      id: expect.any(String),
      name: 'ci',
      prefix: expect.any(String),
      scopes: ['events:publish', 'keys:manage'],
      rate_limit: 50,
      status: 'active',
      created_at: expect.any(String),
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
      grace_until: null,
      rotated_from: null,
    });
    const [, prefix, secret] = KEY_PATTERN.exec(key as string) as RegExpExecArray;
    expect(shown.prefix).toBe(prefix);
    const [row] = await app.dataSource.query(`SELECT to_jsonb(k) AS row FROM api_keys k WHERE id = $1`, [shown.id]);
    expect(row.row.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row.row)).not.toContain(secret);
    expect(await auditOf(app, 'api_key', shown.id)).toEqual([
      expect.objectContaining({ tenant_id: 'tn_a', request_id: 'req-create-key', actor: 'user:u_admin', action: 'api_key.created', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    expect((await call(app, 'GET', '/api-keys', { 'x-api-key': key as string })).status).toBe(200);
  });

  it('never shows the key or its hash again: list (paged) and get', async () => {
    const made = await newKey();
    const list = await call<Key[]>(app, 'GET', '/api-keys?page_size=1', adminA);
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ request_id: expect.any(String), page: 1, page_size: 1, total: expect.any(Number) });
    expect(list.body.data.map((k) => k.id)).toEqual([made.id]);
    const one = await call<Key>(app, 'GET', `/api-keys/${made.id}`, adminA);
    expect(one.body.data).toMatchObject({ id: made.id, name: made.name, status: 'active' });
    for (const body of [list.body, one.body]) {
      expect(JSON.stringify(body)).not.toContain((made.key as string).split('_')[2]);
      expect(JSON.stringify(body)).not.toMatch(/"(key|hash)"/);
    }
  });

  it('answers 401 without credentials and 403 without keys:manage or the admin role', async () => {
    const made = await newKey();
    const noAuth = await call(app, 'GET', '/api-keys');
    expect([noAuth.status, noAuth.body.error.code]).toEqual([401, 'AUTHENTICATION_REQUIRED']);
    const ops = bearer(app.token({ sub: 'u_ops', tenant_id: 'tn_a', roles: ['ops'], scope: ['events:publish'] }));
    const publisher = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['events:publish'] });
    for (const auth of [ops, { 'x-api-key': publisher.key }]) {
      for (const [method, path] of [['GET', '/api-keys'], ['POST', '/api-keys'], ['GET', `/api-keys/${made.id}`], ['POST', `/api-keys/${made.id}/rotate`], ['DELETE', `/api-keys/${made.id}`]]) {
        const res = await call(app, method, path, auth, method === 'POST' ? { name: 'x', scopes: ['events:publish'] } : undefined);
        expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 403, 'INSUFFICIENT_PERMISSIONS']);
      }
    }
    const scoped = bearer(app.token({ sub: 'u_dev', tenant_id: 'tn_a', scope: ['keys:manage'] }));
    expect((await call(app, 'GET', '/api-keys', scoped)).status).toBe(200);
  });

  it("answers 404 for another tenant's key on every route, and never lists it", async () => {
    const made = await newKey();
    for (const [method, path] of [['GET', `/api-keys/${made.id}`], ['POST', `/api-keys/${made.id}/rotate`], ['DELETE', `/api-keys/${made.id}`], ['GET', '/api-keys/not-a-uuid']]) {
      const res = await call(app, method, path, adminB, method === 'POST' ? {} : undefined);
      expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 404, 'RESOURCE_NOT_FOUND']);
    }
    expect((await call<Key[]>(app, 'GET', '/api-keys?page_size=100', adminB)).body.data.map((k) => k.id)).not.toContain(made.id);
    expect((await call<Key>(app, 'GET', `/api-keys/${made.id}`, adminA)).body.data.status).toBe('active');
  });

  it('answers 400 for bad shapes and 422 naming unknown scopes and a past expiry; 403 for another tenant_id', async () => {
    const shapes = await create(adminA, { scopes: 'events:publish', rate_limit: 0 });
    expect([shapes.status, new Set(errorPaths(shapes))]).toEqual([400, new Set(['name', 'scopes', 'rate_limit'])]);
    const meaning = await create(adminA, { name: 'bad', scopes: ['events:publish', 'root'], expires_at: '2020-01-01T00:00:00Z' });
    expect([meaning.status, meaning.body.error.code, errorPaths(meaning)]).toEqual([422, 'VALIDATION_ERROR', ['scopes[1]', 'expires_at']]);
    const foreign = await create(adminA, { tenant_id: 'tn_b', name: 'x', scopes: ['events:publish'] });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'INSUFFICIENT_PERMISSIONS']);
  });

  it('answers 409 for a name a live key already has; a revoked key frees it', async () => {
    const first = await newKey({ name: 'deploy' });
    const again = await create(adminA, { name: 'deploy', scopes: ['events:publish'] });
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT']);
    expect((await call(app, 'DELETE', `/api-keys/${first.id}`, adminA)).status).toBe(200);
    expect((await create(adminA, { name: 'deploy', scopes: ['events:publish'] })).status).toBe(201);
  });

  it('lets a key grant only the scopes it holds', async () => {
    const manager = (await newKey({ scopes: ['keys:manage', 'events:publish'] })).key as string;
    expect((await create({ 'x-api-key': manager }, { name: 'narrow', scopes: ['events:publish'] })).status).toBe(201);
    const wider = await create({ 'x-api-key': manager }, { name: 'wide', scopes: ['alerts:publish'] });
    expect([wider.status, wider.body.error.details]).toEqual([403, { scopes: ['alerts:publish'] }]);
  });

  it('needs the scale plan or above to create or rotate (403 PLAN_UPGRADE_REQUIRED); a downgraded tenant still lists and revokes', async () => {
    await seedTenant(app.dataSource, 'tn_small', [], 'growth');
    const admin = adminOf(app, 'tn_small');
    const refused = await create(admin, { name: 'k', scopes: ['events:publish'] });
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([403, 'PLAN_UPGRADE_REQUIRED', { required_plan: 'scale', current_plan: 'growth' }]);
    expect((await call(app, 'PATCH', '/tenants/tn_small', OPERATOR, { plan: 'scale' })).status).toBe(200);
    const made = await create(admin, { name: 'k', scopes: ['events:publish'] });
    expect(made.status).toBe(201);
    expect((await call(app, 'PATCH', '/tenants/tn_small', OPERATOR, { plan: 'starter' })).status).toBe(200);
    const rotate = await call(app, 'POST', `/api-keys/${made.body.data.id}/rotate`, admin, {});
    expect([rotate.status, rotate.body.error.code]).toEqual([403, 'PLAN_UPGRADE_REQUIRED']);
    expect((await call<Key[]>(app, 'GET', '/api-keys', admin)).body.data).toHaveLength(1);
    expect((await call(app, 'DELETE', `/api-keys/${made.body.data.id}`, admin)).status).toBe(200);
  });

  it('rotates: a new key shown once, the old one valid until the end of its grace (24 h by default), both audited', async () => {
    const old = await newKey({ rate_limit: 77 });
    const before = Date.now();
    const res = await call<Key>(app, 'POST', `/api-keys/${old.id}/rotate`, adminA);
    expect(res.status).toBe(201);
    const successor = res.body.data;
    expect(successor.key).toMatch(KEY_PATTERN);
    expect(successor.key).not.toBe(old.key);
    expect(successor).toMatchObject({ name: old.name, scopes: old.scopes, rate_limit: 77, rotated_from: old.id, status: 'active' });
    const graceEnd = Date.parse((successor.previous as { grace_until: string }).grace_until);
    expect(graceEnd - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(graceEnd - before).toBeLessThanOrEqual(24 * 3_600_000 + 5000);
    for (const key of [old.key, successor.key] as string[]) expect((await call(app, 'GET', '/api-keys', { 'x-api-key': key })).status).toBe(200);
    expect((await call<Key>(app, 'GET', `/api-keys/${old.id}`, adminA)).body.data).toMatchObject({ status: 'rotated', grace_until: new Date(graceEnd).toISOString() });
    const twice = await call(app, 'POST', `/api-keys/${old.id}/rotate`, adminA, {});
    expect([twice.status, twice.body.error.code]).toEqual([409, 'CONFLICT']);
    expect((await auditOf(app, 'api_key', old.id)).map((a) => a.action)).toEqual(['api_key.created', 'api_key.rotated']);
  });

  it('rotates with grace_period_hours: 0 ends the old key at once (refused within 5 s); out of range is 400', async () => {
    const old = await newKey();
    expect((await call(app, 'GET', '/api-keys', { 'x-api-key': old.key as string })).status).toBe(200); // cached now
    const bad = await call(app, 'POST', `/api-keys/${old.id}/rotate`, adminA, { grace_period_hours: 500 });
    expect([bad.status, errorPaths(bad)]).toEqual([400, ['grace_period_hours']]);
    const rotatedAt = Date.now();
    const res = await call<Key>(app, 'POST', `/api-keys/${old.id}/rotate`, adminA, { grace_period_hours: 0 });
    expect(res.status).toBe(201);
    expect(await refusedWithin(old.key as string, rotatedAt)).toBeLessThanOrEqual(CACHE_TTL_MS + 500);
    expect((await call(app, 'GET', '/api-keys', { 'x-api-key': res.body.data.key as string })).status).toBe(200);
  });

  it('revokes: the guard refuses the key within 5 s; a second revoke changes nothing and is audited once', async () => {
    const made = await newKey();
    expect((await call(app, 'GET', '/api-keys', { 'x-api-key': made.key as string })).status).toBe(200); // cached now
    const revokedAt = Date.now();
    const res = await call<Key>(app, 'DELETE', `/api-keys/${made.id}`, adminA);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: made.id, status: 'revoked', revoked_at: expect.any(String) });
    expect(await refusedWithin(made.key as string, revokedAt)).toBeLessThanOrEqual(CACHE_TTL_MS + 500);
    const again = await call<Key>(app, 'DELETE', `/api-keys/${made.id}`, adminA);
    expect([again.status, again.body.data.revoked_at]).toEqual([200, res.body.data.revoked_at]);
    expect((await auditOf(app, 'api_key', made.id)).map((a) => a.action)).toEqual(['api_key.created', 'api_key.revoked']);
    const rotate = await call(app, 'POST', `/api-keys/${made.id}/rotate`, adminA, {});
    expect([rotate.status, rotate.body.error.code]).toEqual([409, 'CONFLICT']);
  });
});
