// The tenant's user directory (SPEC §9 PUT/GET/DELETE /users/:id, GET /users): validated
// entries (400 for shapes, 422 naming each bad value), directory:manage or admin, tenant
// isolation (another tenant's user is 404), paging and filters, audited writes.
import type { DirectoryUserView as User } from '@herald/management';
import { eventually, seedApiKey, seedTenant, TestApp } from '@herald/platform/testing';
import { adminOf, auditOf, bearer, call, errorPaths, ManagementSuite, startManagementApi } from './management-client';

const ana = { email: 'ana@acme.example', phone: '+14155550100', roles: ['ops', 'admin'], groups: ['oncall'], attributes: { region: 'eu', tier: 2 } };

describe('users directory', () => {
  let suite: ManagementSuite;
  let app: TestApp;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;

  beforeAll(async () => {
    suite = await startManagementApi('management_users');
    app = suite.app;
    await seedTenant(app.dataSource, 'tn_a', [], 'starter');
    await seedTenant(app.dataSource, 'tn_b', [], 'starter');
    [adminA, adminB] = [adminOf(app, 'tn_a'), adminOf(app, 'tn_b')];
  });

  afterAll(() => suite?.close());

  const put = (auth: Record<string, string>, id: string, body: unknown) => call<User>(app, 'PUT', `/users/${encodeURIComponent(id)}`, auth, body);

  it('creates a user (201), replaces it on the next PUT (200, absent fields emptied), and audits both', async () => {
    const created = await put({ ...adminA, 'x-request-id': 'req-put-ana' }, 'u_ana', ana);
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ id: 'u_ana', ...ana, created_at: expect.any(String), updated_at: expect.any(String) });
    const replaced = await put(adminA, 'u_ana', { email: 'ana@new.example', roles: ['exec'] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data).toMatchObject({ id: 'u_ana', email: 'ana@new.example', phone: null, roles: ['exec'], groups: [], attributes: {} });
    expect((await call<User>(app, 'GET', '/users/u_ana', adminA)).body.data).toEqual(replaced.body.data);
    const audit = await auditOf(app, 'directory_user', 'u_ana');
    expect(audit.map((a) => [a.tenant_id, a.actor, a.action])).toEqual([
      ['tn_a', 'user:u_admin', 'directory_user.put'],
      ['tn_a', 'user:u_admin', 'directory_user.put'],
    ]);
    expect(audit[0].request_id).toBe('req-put-ana');
    expect(audit[0].fingerprint).not.toBe(audit[1].fingerprint);
  });

  it('answers 401 without credentials and 403 without directory:manage or the admin role', async () => {
    const noAuth = await call(app, 'GET', '/users');
    expect([noAuth.status, noAuth.body.error.code]).toEqual([401, 'AUTHENTICATION_REQUIRED']);
    const ops = bearer(app.token({ sub: 'u_ops', tenant_id: 'tn_a', roles: ['ops'], scope: ['keys:manage'] }));
    for (const [method, path] of [['GET', '/users'], ['PUT', '/users/u_x'], ['GET', '/users/u_ana'], ['DELETE', '/users/u_ana']]) {
      const res = await call(app, method, path, ops, method === 'PUT' ? {} : undefined);
      expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 403, 'INSUFFICIENT_PERMISSIONS']);
    }
    const scoped = bearer(app.token({ sub: 'u_hr', tenant_id: 'tn_a', scope: ['directory:manage'] }));
    expect((await put(scoped, 'u_scoped', {})).status).toBe(201);
    // API keys need the scale plan: tn_a is on starter, so its key is refused until an upgrade
    const directoryKey = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['directory:manage'] });
    const refused = await call(app, 'GET', '/users/u_scoped', { 'x-api-key': directoryKey.key });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'PLAN_UPGRADE_REQUIRED']);
    await app.dataSource.query(`UPDATE tenants SET plan = 'scale' WHERE id = 'tn_a'`);
    await eventually(async () => ((await call(app, 'GET', '/users/u_scoped', { 'x-api-key': directoryKey.key })).status === 200 ? true : undefined), 10_000, 'the key accepted after the upgrade');
    await app.dataSource.query(`UPDATE tenants SET plan = 'starter' WHERE id = 'tn_a'`);
  });

  it("keeps tenants apart: another tenant's user is 404, and the same id in two tenants is two users", async () => {
    await put(adminA, 'u_shared', { email: 'a@acme.example', roles: ['ops'] });
    for (const method of ['GET', 'DELETE']) {
      const res = await call(app, method, '/users/u_shared', adminB);
      expect([method, res.status, res.body.error.code]).toEqual([method, 404, 'RESOURCE_NOT_FOUND']);
    }
    expect((await put(adminB, 'u_shared', { email: 'b@globex.example' })).status).toBe(201);
    expect((await call<User>(app, 'GET', '/users/u_shared', adminA)).body.data).toMatchObject({ email: 'a@acme.example', roles: ['ops'] });
    expect((await call<User[]>(app, 'GET', '/users?page_size=100', adminB)).body.data.map((u) => u.id)).toEqual(['u_shared']);
    const foreign = await put(adminA, 'u_x', { tenant_id: 'tn_b' });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'INSUFFICIENT_PERMISSIONS']);
  });

  it('answers 400 for bad shapes and a bad id, 422 naming each bad value', async () => {
    const shapes = await put(adminA, 'u_bad', { email: 42, roles: 'ops', groups: [1], attributes: ['x'] });
    expect([shapes.status, new Set(errorPaths(shapes))]).toEqual([400, new Set(['email', 'roles', 'groups', 'attributes'])]);
    expect((await put(adminA, 'u_bad', '"text"')).status).toBe(400);
    const id = await put(adminA, 'has space', {});
    expect([id.status, errorPaths(id)]).toEqual([400, ['id']]);
    const values = await put(adminA, 'u_bad', { email: 'nope', phone: '555-0100', roles: ['ops', 'superuser'] });
    expect([values.status, values.body.error.code, errorPaths(values)]).toEqual([422, 'VALIDATION_ERROR', ['email', 'phone', 'roles[1]']]);
    expect((await call(app, 'GET', '/users/u_bad', adminA)).status).toBe(404);
    const tooMany = await put(adminA, 'u_bad', { groups: Array.from({ length: 101 }, (_, i) => `g${i}`) });
    expect([tooMany.status, errorPaths(tooMany)]).toEqual([400, ['groups']]);
  });

  it('refuses U+0000, which PostgreSQL cannot store: 422 naming the body field, 400 naming the query parameter', async () => {
    const body = await put(adminA, 'u_nul', { email: 'a@b.example', attributes: { note: 'x\u0000y' } });
    expect([body.status, body.body.error.code, errorPaths(body)]).toEqual([422, 'VALIDATION_ERROR', ['attributes']]);
    const query = await call(app, 'GET', '/users?group=a%00b', adminA);
    expect([query.status, errorPaths(query)]).toEqual([400, ['group']]);
    expect((await call(app, 'GET', '/users/u_nul', adminA)).status).toBe(404);
  });

  it('deletes a user: 200 once, then 404 on GET and on a second DELETE', async () => {
    await put(adminA, 'u_gone', {});
    const res = await call(app, 'DELETE', '/users/u_gone', adminA);
    expect([res.status, res.body.data]).toEqual([200, { id: 'u_gone', deleted: true }]);
    expect((await call(app, 'GET', '/users/u_gone', adminA)).status).toBe(404);
    expect((await call(app, 'DELETE', '/users/u_gone', adminA)).status).toBe(404);
    expect((await auditOf(app, 'directory_user', 'u_gone')).map((a) => a.action)).toEqual(['directory_user.put', 'directory_user.deleted']);
  });

  it('lists users by id with meta {page, page_size, total}, filters by role and group, and refuses page_size over 100', async () => {
    await seedTenant(app.dataSource, 'tn_list', [], 'starter');
    const admin = adminOf(app, 'tn_list');
    await put(admin, 'u_3', { roles: ['ops'], groups: ['oncall'] });
    await put(admin, 'u_1', { roles: ['ops'] });
    await put(admin, 'u_2', { roles: ['exec'], groups: ['oncall'] });
    const first = await call<User[]>(app, 'GET', '/users?page_size=2', admin);
    expect([first.body.data.map((u) => u.id), first.body.meta]).toEqual([['u_1', 'u_2'], { request_id: expect.any(String), page: 1, page_size: 2, total: 3 }]);
    expect(first.body.data[0]).toEqual({ id: 'u_1', email: null, phone: null, roles: ['ops'], groups: [], attributes: {}, created_at: expect.any(String), updated_at: expect.any(String) });
    expect((await call<User[]>(app, 'GET', '/users?page=2&page_size=2', admin)).body.data.map((u) => u.id)).toEqual(['u_3']);
    expect((await call<User[]>(app, 'GET', '/users?role=ops', admin)).body.data.map((u) => u.id)).toEqual(['u_1', 'u_3']);
    expect((await call<User[]>(app, 'GET', '/users?group=oncall&role=exec', admin)).body.data.map((u) => u.id)).toEqual(['u_2']);
    const past = await call<User[]>(app, 'GET', '/users?page=9', admin);
    expect([past.status, past.body.data, past.body.meta.total]).toEqual([200, [], 3]);
    const tooMany = await call(app, 'GET', '/users?page_size=101', admin);
    expect([tooMany.status, errorPaths(tooMany)]).toEqual([400, ['page_size']]);
  });

  it('answers 404 for a tenant that does not exist', async () => {
    const ghost = adminOf(app, 'tn_ghost');
    const res = await put(ghost, 'u_1', {});
    expect([res.status, res.body.error.code]).toEqual([404, 'RESOURCE_NOT_FOUND']);
  });
});
