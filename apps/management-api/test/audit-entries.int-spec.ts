// Operator route GET /audit-entries (SPEC §9): every context's audit entries (management's
// own, the event store's alert entries, the notifications' preference changes) as one list, newest first, filtered by tenant,
// entity, action, actor and time, paged as SPEC §2; x-internal-api-key only.
import type { AuditEntryView } from '@herald/management';
import { TestApp } from '@herald/platform/testing';
import { adminOf, call, errorPaths, ManagementSuite, OPERATOR, startManagementApi } from './management-client';

describe('audit entries (operator)', () => {
  let suite: ManagementSuite;
  let app: TestApp;
  let keyId: string;
  const list = (query: string) => call<AuditEntryView[]>(app, 'GET', `/audit-entries${query}`, OPERATOR);
  const actions = async (query: string) => (await list(query)).body.data.map((e) => `${e.tenant_id} ${e.action} ${e.entity_id}`);

  beforeAll(async () => {
    suite = await startManagementApi('management_audit_entries');
    app = suite.app;
    await call(app, 'POST', '/tenants', OPERATOR, { id: 'tn_a', name: 'A', plan: 'scale' });
    await call(app, 'POST', '/tenants', OPERATOR, { id: 'tn_b', name: 'B' });
    await call(app, 'PUT', '/users/u_ana', { ...adminOf(app, 'tn_a'), 'x-request-id': 'req-ana' }, { roles: ['ops'] });
    keyId = (await call<{ id: string }>(app, 'POST', '/api-keys', adminOf(app, 'tn_a'), { name: 'ci', scopes: ['events:publish'] })).body.data.id;
    // what the gateway's writer records when it stores a critical alert (event store's table)
    await app.dataSource.query(
      `INSERT INTO event_audit (tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint) VALUES ('tn_a', 'req-alert', 'api_key:k1', 'alert.published', 'event', 'ev_1', $1)`,
      ['a'.repeat(64)],
    );
  });

  afterAll(() => suite?.close());

  it("lists every context's entries newest first with meta {page, page_size, total}", async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ request_id: expect.any(String), page: 1, page_size: 20, total: 5 });
    expect(res.body.data.map((e) => `${e.tenant_id} ${e.action} ${e.entity_id}`)).toEqual([
      'tn_a alert.published ev_1',
      `tn_a api_key.created ${keyId}`,
      'tn_a directory_user.put u_ana',
      'tn_b tenant.created tn_b',
      'tn_a tenant.created tn_a',
    ]);
    expect(res.body.data[0]).toEqual({
      source: 'event_store',
      id: expect.any(String),
      tenant_id: 'tn_a',
      request_id: 'req-alert',
      actor: 'api_key:k1',
      action: 'alert.published',
      entity_type: 'event',
      entity_id: 'ev_1',
      fingerprint: 'a'.repeat(64),
      created_at: expect.any(String),
    });
    expect(res.body.data[2]).toMatchObject({ source: 'management', request_id: 'req-ana', actor: 'user:u_admin' });
  });

  it("lists the notifications context's entries (preference changes) with source notifications", async () => {
    // what the notification service records when a user changes their preferences (its own table)
    await app.dataSource.query(
      `INSERT INTO notification_audit (tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint)
       VALUES ('tn_b', 'req-prefs', 'user:u_bo', 'preferences.updated', 'notification_preferences', 'u_bo', $1)`,
      ['b'.repeat(64)],
    );
    const res = await list('?action=preferences.updated');
    expect(res.body.data).toEqual([expect.objectContaining({ source: 'notifications', tenant_id: 'tn_b', actor: 'user:u_bo', entity_id: 'u_bo' })]);
    await app.dataSource.query(`DELETE FROM notification_audit WHERE request_id = 'req-prefs'`);
  });

  it('filters by tenant, entity, action, actor and time window', async () => {
    expect(await actions('?tenant_id=tn_b')).toEqual(['tn_b tenant.created tn_b']);
    expect(await actions(`?entity_type=api_key&entity_id=${keyId}`)).toEqual([`tn_a api_key.created ${keyId}`]);
    expect(await actions('?action=tenant.created')).toEqual(['tn_b tenant.created tn_b', 'tn_a tenant.created tn_a']);
    expect(await actions('?actor=operator&tenant_id=tn_a')).toEqual(['tn_a tenant.created tn_a']);
    expect(await actions('?entity_type=event')).toEqual(['tn_a alert.published ev_1']);
    const all = (await list('')).body.data;
    const newest = all[0].created_at;
    expect(await actions(`?from=${encodeURIComponent(newest)}`)).toEqual(['tn_a alert.published ev_1']);
    expect((await actions(`?to=${encodeURIComponent(newest)}`)).length).toBe(4);
  });

  it('pages: the second page continues the first, a page past the end is empty with the total', async () => {
    const first = await list('?page_size=2');
    const second = await list('?page=2&page_size=2');
    const everything = (await list('')).body.data.map((e) => e.id + e.source);
    expect([...first.body.data, ...second.body.data].map((e) => e.id + e.source)).toEqual(everything.slice(0, 4));
    const past = await list('?page=4&page_size=2');
    expect([past.status, past.body.data, past.body.meta]).toEqual([200, [], { request_id: expect.any(String), page: 4, page_size: 2, total: 5 }]);
  });

  it('answers 400 naming a bad parameter', async () => {
    for (const [query, path] of [['?from=yesterday', 'from'], ['?to=2026-13-01T00:00:00Z', 'to'], ['?page_size=101', 'page_size'], ['?page=-1', 'page'], ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from']]) {
      const res = await list(query);
      expect([query, res.status, res.body.error.code, errorPaths(res)]).toEqual([query, 400, 'VALIDATION_ERROR', [path]]);
    }
  });

  it('answers 401 without the operator key, with a wrong one, and to a tenant admin token', async () => {
    for (const headers of [{}, { 'x-internal-api-key': 'nope' }, adminOf(app, 'tn_a')]) {
      const res = await call(app, 'GET', '/audit-entries', headers);
      expect([res.status, res.body.error.code]).toEqual([401, 'AUTHENTICATION_REQUIRED']);
    }
  });
});
