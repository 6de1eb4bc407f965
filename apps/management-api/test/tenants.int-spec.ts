// Operator routes for tenants and plans (SPEC §9 POST/GET/PATCH /tenants): x-internal-api-key
// only, pagination meta of SPEC §2, 409 for a taken id, every write audited.
import type { TenantView as Tenant } from '@herald/management';
import { TestApp } from '@herald/platform/testing';
import { adminOf, auditOf, call, errorPaths, ManagementSuite, OPERATOR, startManagementApi } from './management-client';

describe('tenants (operator)', () => {
  let suite: ManagementSuite;
  let app: TestApp;

  beforeAll(async () => {
    suite = await startManagementApi('management_tenants');
    app = suite.app;
  });

  afterAll(() => suite?.close());

  it('creates a tenant with the id, name and plan given, and audits it as the operator in the request', async () => {
    const res = await call<Tenant>(app, 'POST', '/tenants', { ...OPERATOR, 'x-request-id': 'req-tenant-1' }, { id: 'tn_acme', name: 'Acme', plan: 'growth' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ id: 'tn_acme', name: 'Acme', plan: 'growth', created_at: expect.any(String), updated_at: expect.any(String) });
    expect(await auditOf(app, 'tenant', 'tn_acme')).toEqual([
      {
        tenant_id: 'tn_acme',
        request_id: 'req-tenant-1',
        actor: 'operator',
        action: 'tenant.created',
        entity_type: 'tenant',
        entity_id: 'tn_acme',
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it('generates an id and starts on the starter plan when neither is given', async () => {
    const res = await call<Tenant>(app, 'POST', '/tenants', OPERATOR, { name: 'Nameless' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ id: expect.stringMatching(/^tn_[0-9a-f]{12}$/), plan: 'starter' });
  });

  it('answers 409 CONFLICT for an id that is taken, and changes nothing', async () => {
    await call(app, 'POST', '/tenants', OPERATOR, { id: 'tn_taken', name: 'First' });
    const again = await call(app, 'POST', '/tenants', OPERATOR, { id: 'tn_taken', name: 'Second', plan: 'scale' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await call<Tenant>(app, 'GET', '/tenants/tn_taken', OPERATOR)).body.data).toMatchObject({ name: 'First', plan: 'starter' });
    expect(await auditOf(app, 'tenant', 'tn_taken')).toHaveLength(1);
  });

  it('answers 400 naming each bad field', async () => {
    const bad = await call(app, 'POST', '/tenants', OPERATOR, { id: 'Not An Id', plan: 'gold' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    expect(new Set(errorPaths(bad))).toEqual(new Set(['id', 'name', 'plan']));
    expect((await call(app, 'POST', '/tenants', OPERATOR, '[1]')).status).toBe(400);
    expect(errorPaths(await call(app, 'PATCH', '/tenants/tn_acme', OPERATOR, { plan: 'platinum' }))).toEqual(['plan']);
    expect((await call(app, 'PATCH', '/tenants/tn_acme', OPERATOR, {})).status).toBe(400);
    const nul = await call(app, 'POST', '/tenants', OPERATOR, { name: 'a\u0000b' });
    expect([nul.status, errorPaths(nul)]).toEqual([422, ['name']]);
    expect(errorPaths(await call(app, 'GET', '/tenants/tn%00x', OPERATOR))).toEqual(['id']);
  });

  it('answers 401 without the operator key, with a wrong one, and to a tenant admin token', async () => {
    for (const headers of [{}, { 'x-internal-api-key': 'wrong' }, adminOf(app, 'tn_acme')]) {
      for (const [method, path] of [['GET', '/tenants'], ['POST', '/tenants'], ['GET', '/tenants/tn_acme'], ['PATCH', '/tenants/tn_acme']]) {
        const res = await call(app, method, path, headers, method === 'GET' ? undefined : { name: 'x' });
        expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 401, 'AUTHENTICATION_REQUIRED']);
      }
    }
  });

  it('changes the plan and the name, audits the plan change, and answers 404 for an unknown tenant', async () => {
    await call(app, 'POST', '/tenants', OPERATOR, { id: 'tn_grow', name: 'Grow', plan: 'starter' });
    const res = await call<Tenant>(app, 'PATCH', '/tenants/tn_grow', OPERATOR, { plan: 'enterprise', name: 'Grown' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: 'tn_grow', name: 'Grown', plan: 'enterprise' });
    expect((await auditOf(app, 'tenant', 'tn_grow')).map((a) => a.action)).toEqual(['tenant.created', 'tenant.plan_changed']);
    for (const [method, body] of [['PATCH', { plan: 'scale' }], ['GET', undefined]] as const) {
      const missing = await call(app, method, '/tenants/tn_nobody', OPERATOR, body);
      expect([missing.status, missing.body.error.code]).toEqual([404, 'RESOURCE_NOT_FOUND']);
    }
  });

  it('lists tenants newest first with meta {page, page_size, total}, filters by plan, and answers a page past the end empty', async () => {
    for (const n of [1, 2, 3]) await call(app, 'POST', '/tenants', OPERATOR, { id: `tn_list_${n}`, name: `List ${n}`, plan: 'scale' });
    const all = await call<Tenant[]>(app, 'GET', '/tenants?page_size=2', OPERATOR);
    expect(all.status).toBe(200);
    const total = all.body.meta.total as number;
    expect(all.body.meta).toEqual({ request_id: expect.any(String), page: 1, page_size: 2, total });
    expect(all.body.data.map((t) => t.id)).toEqual(['tn_list_3', 'tn_list_2']);
    const scale = await call<Tenant[]>(app, 'GET', '/tenants?plan=scale&page=2&page_size=2', OPERATOR);
    expect(scale.body.data.map((t) => t.id)).toEqual(['tn_list_1']);
    expect(scale.body.meta).toMatchObject({ page: 2, page_size: 2, total: 3 });
    const past = await call<Tenant[]>(app, 'GET', `/tenants?page=${total + 1}&page_size=1`, OPERATOR);
    expect([past.status, past.body.data, past.body.meta.total]).toEqual([200, [], total]);
  });

  it('answers 400 naming page, page_size or plan when they are out of range', async () => {
    for (const [query, path] of [['page=0', 'page'], ['page_size=101', 'page_size'], ['page_size=abc', 'page_size'], ['plan=gold', 'plan']]) {
      const res = await call(app, 'GET', `/tenants?${query}`, OPERATOR);
      expect([query, res.status, errorPaths(res)]).toEqual([query, 400, expect.arrayContaining([path])]);
    }
  });
});
