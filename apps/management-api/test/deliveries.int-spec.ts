// Operator route GET /deliveries (SPEC §9): the delivery worker's deliveries across tenants,
// newest first, filtered by status (success|failed, and the in-flight states) and event, paged
// as SPEC §2; x-internal-api-key only. The worker's rows are written as test setup.
import type { DeliveryView } from '@herald/management';
import { TestApp } from '@herald/platform/testing';
import { adminOf, call, errorPaths, ManagementSuite, OPERATOR, startManagementApi } from './management-client';
import { DeliveryStatus, seedDelivery, seedEvent, shownDelivery } from './event-fixtures';

describe('deliveries (operator)', () => {
  let suite: ManagementSuite;
  let app: TestApp;
  let first: string;
  let second: string;
  /** Delivery ids in the order they were stored. */
  const stored: string[] = [];
  const list = (query: string) => call<DeliveryView[]>(app, 'GET', `/deliveries${query}`, OPERATOR);
  const listed = async (query: string) => (await list(query)).body.data.map((d) => stored.indexOf(d.id));

  beforeAll(async () => {
    suite = await startManagementApi('management_deliveries');
    app = suite.app;
    const at = { occurredAt: '2026-10-01T00:00:00Z', receivedAt: '2026-10-01T00:00:01Z' };
    first = await seedEvent(app, { tenantId: 'tn_a', ...at });
    second = await seedEvent(app, { tenantId: 'tn_b', ...at });
    const seeds: Array<[string, string, DeliveryStatus]> = [
      ['tn_a', first, 'succeeded'],
      ['tn_a', first, 'failed'],
      ['tn_b', second, 'retrying'],
      ['tn_b', second, 'succeeded'],
      ['tn_b', second, 'paused'],
      ['tn_a', first, 'pending'],
    ];
    for (const [tenantId, eventId, status] of seeds) {
      const attempts = status === 'pending' ? [] : [{ outcome: status === 'succeeded' ? ('success' as const) : ('retry' as const), statusCode: 200 }];
      stored.push(await seedDelivery(app, tenantId, eventId, status, attempts));
      // distinct created_at, so newest first is one order
      await app.dataSource.query(`UPDATE deliveries SET created_at = now() + make_interval(secs => $2) WHERE id = $1`, [stored[stored.length - 1], stored.length]);
    }
  });

  afterAll(() => suite?.close());

  it('lists every tenant\'s deliveries newest first with meta {page, page_size, total}', async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ request_id: expect.any(String), page: 1, page_size: 20, total: 6 });
    expect(res.body.data.map((d) => stored.indexOf(d.id))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(res.body.data[2]).toEqual(shownDelivery({ id: stored[3], tenant_id: 'tn_b', event_id: second, status: 'succeeded', attempt_count: 1, last_status_code: 200 }));
  });

  it('filters by status (success is succeeded), event and tenant', async () => {
    expect(await listed('?status=success')).toEqual([3, 0]);
    expect(await listed('?status=succeeded')).toEqual([3, 0]);
    expect(await listed('?status=failed')).toEqual([1]);
    expect(await listed('?status=retrying')).toEqual([2]);
    expect(await listed('?status=paused')).toEqual([4]);
    expect(await listed('?status=pending')).toEqual([5]);
    expect(await listed(`?event_id=${first}`)).toEqual([5, 1, 0]);
    expect(await listed(`?event_id=${second}&status=success`)).toEqual([3]);
    expect(await listed('?tenant_id=tn_b')).toEqual([4, 3, 2]);
    expect(await listed('?event_id=7d1c6a52-8f7e-4a36-9d4e-1b2c3d4e5f60')).toEqual([]);
  });

  it('pages: the second page continues the first, a page past the end is empty with the total', async () => {
    expect([...(await listed('?page_size=4')), ...(await listed('?page=2&page_size=4'))]).toEqual([5, 4, 3, 2, 1, 0]);
    const past = await list('?page=3&page_size=4');
    expect([past.status, past.body.data, past.body.meta]).toEqual([200, [], { request_id: expect.any(String), page: 3, page_size: 4, total: 6 }]);
  });

  it('answers 400 naming a bad parameter', async () => {
    for (const [query, path] of [['?status=done', 'status'], ['?event_id=not-a-uuid', 'event_id'], ['?page=0', 'page'], ['?page_size=101', 'page_size'], ['?tenant_id=', 'tenant_id']]) {
      const res = await list(query);
      expect([query, res.status, res.body.error.code, [...new Set(errorPaths(res))]]).toEqual([query, 400, 'VALIDATION_ERROR', [path]]);
    }
  });

  it('answers 401 without the operator key, with a wrong one, and to a tenant admin token', async () => {
    for (const headers of [{}, { 'x-internal-api-key': 'nope' }, adminOf(app, 'tn_a')]) {
      const res = await call(app, 'GET', '/deliveries', headers);
      expect([res.status, res.body.error.code]).toEqual([401, 'AUTHENTICATION_REQUIRED']);
    }
  });
});
