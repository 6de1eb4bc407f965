// Operator routes over events (SPEC §9): GET /events with every filter and sort, paged as
// SPEC §2; GET /events/:id with payload, raw snapshot (audited), processing report and
// deliveries with their attempts; GET /events/:id/status and its alias /processing-status/:id.
// The status is derived from what the other contexts record (docs/architecture.md, "Event
// status"), so the suite writes those reports into their owners' tables as setup.
import type { EventDetail, EventListItem, EventStatusView } from '@herald/management';
import { TestApp } from '@herald/platform/testing';
import { adminOf, auditOf, call, errorPaths, ManagementSuite, OPERATOR, startManagementApi } from './management-client';
import { seedDelivery, seedEvent, seedProcessing, shownDelivery } from './event-fixtures';

const SNAPSHOT = {
  headers: { 'content-type': 'application/json', 'x-acme-signature': '[redacted]', authorization: 'Bearer leaked-by-an-old-ingress' },
  body: '{"eventId":"pe-1","eventType":"order.paid"}',
  body_sha256: 'c'.repeat(64),
};

describe('events (operator)', () => {
  let suite: ManagementSuite;
  let app: TestApp;
  /** Seeded events by name, in the order they were received. */
  const ids: Record<string, string> = {};
  const names = (items: Array<{ id: string }>) => items.map((e) => Object.keys(ids).find((name) => ids[name] === e.id));
  const list = (query: string) => call<EventListItem[]>(app, 'GET', `/events${query}`, OPERATOR);
  const listed = async (query: string) => names((await list(query)).body.data);

  beforeAll(async () => {
    suite = await startManagementApi('management_events');
    app = suite.app;
    const seeds: Array<[string, string, { type?: string; provider?: string; subject?: string; rawSnapshot?: unknown }]> = [
      ['pending', 'tn_a', {}],
      ['processing', 'tn_a', { type: 'cost_optimization' }],
      ['processed', 'tn_a', {}],
      ['processedNone', 'tn_b', {}],
      ['retryingDelivery', 'tn_b', {}],
      ['retryingPaused', 'tn_b', {}],
      ['retryingProcessing', 'tn_a', {}],
      ['failedProcessing', 'tn_a', {}],
      ['failedDelivery', 'tn_b', {}],
      ['deliveriesOnly', 'tn_a', {}],
      ['acme', 'tn_a', { provider: 'acme', subject: 'Order_42%ABC', rawSnapshot: SNAPSHOT }],
      ['globex', 'tn_b', { provider: 'globex', subject: 'cust-7' }],
    ];
    for (const [i, [name, tenantId, seed]] of seeds.entries()) {
      // received in seed order, occurred in the reverse order
      const receivedAt = new Date(Date.UTC(2026, 10, 1, 10, i)).toISOString();
      const occurredAt = new Date(Date.UTC(2026, 9, 1, seeds.length - i)).toISOString();
      ids[name] = await seedEvent(app, { tenantId, occurredAt, receivedAt, ...seed });
    }
    await seedProcessing(app, 'tn_a', ids.processing, 'processed');
    await seedDelivery(app, 'tn_a', ids.processing, 'pending');
    await seedProcessing(app, 'tn_a', ids.processed, 'processed');
    await seedDelivery(app, 'tn_a', ids.processed, 'succeeded', [{ outcome: 'retry', statusCode: 503, responseBody: 'busy' }, { outcome: 'success', statusCode: 200 }]);
    await seedProcessing(app, 'tn_b', ids.processedNone, 'processed');
    await seedProcessing(app, 'tn_b', ids.retryingDelivery, 'processed');
    await seedDelivery(app, 'tn_b', ids.retryingDelivery, 'retrying', [{ outcome: 'retry', statusCode: 500, responseBody: 'x'.repeat(3000) }]);
    await seedProcessing(app, 'tn_b', ids.retryingPaused, 'processed');
    await seedDelivery(app, 'tn_b', ids.retryingPaused, 'paused', [{ outcome: 'retry', errorClass: 'timeout' }]);
    await seedProcessing(app, 'tn_a', ids.retryingProcessing, 'retrying', 2);
    await seedProcessing(app, 'tn_a', ids.failedProcessing, 'failed', 5);
    await seedProcessing(app, 'tn_b', ids.failedDelivery, 'processed');
    await seedDelivery(app, 'tn_b', ids.failedDelivery, 'succeeded', [{ outcome: 'success', statusCode: 204 }]);
    await seedDelivery(app, 'tn_b', ids.failedDelivery, 'failed', [{ outcome: 'fail', statusCode: 404, responseBody: 'no such hook' }]);
    await seedDelivery(app, 'tn_a', ids.deliveriesOnly, 'pending');
    await seedProcessing(app, 'tn_a', ids.acme, 'processed');
    await seedDelivery(app, 'tn_a', ids.acme, 'succeeded', [{ outcome: 'success', statusCode: 200, responseBody: 'ok' }]);
  });

  afterAll(() => suite?.close());

  describe('GET /events', () => {
    it('lists every tenant\'s events newest first with meta {page, page_size, total}', async () => {
      const res = await list('');
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ request_id: expect.any(String), page: 1, page_size: 20, total: 12 });
      expect(names(res.body.data)).toEqual(Object.keys(ids).reverse());
      expect(res.body.data[1]).toEqual({
        id: ids.acme,
        tenant_id: 'tn_a',
        kind: 'webhook',
        type: 'acme.order.paid',
        source: 'acme',
        provider: 'acme',
        provider_event_id: expect.stringMatching(/^pe-/),
        subject: 'Order_42%ABC',
        status: 'processed',
        occurred_at: '2026-10-01T02:00:00.000Z',
        received_at: '2026-11-01T10:10:00.000Z',
      });
      expect(res.body.data[2]).toMatchObject({ provider: null, provider_event_id: null, subject: null, kind: 'business', source: 'billing' });
    });

    it('derives each status from the reports, first match wins, and filters by it', async () => {
      expect(await listed('?status=pending&sort_order=asc')).toEqual(['pending', 'globex']);
      expect(await listed('?status=processing&sort_order=asc')).toEqual(['processing', 'deliveriesOnly']);
      expect(await listed('?status=processed&sort_order=asc')).toEqual(['processed', 'processedNone', 'acme']);
      expect(await listed('?status=retrying&sort_order=asc')).toEqual(['retryingDelivery', 'retryingPaused', 'retryingProcessing']);
      expect(await listed('?status=failed&sort_order=asc')).toEqual(['failedProcessing', 'failedDelivery']);
      const byName = Object.fromEntries((await list('?page_size=100')).body.data.map((e) => [names([e])[0], e.status]));
      expect(byName).toMatchObject({ failedDelivery: 'failed', retryingPaused: 'retrying', deliveriesOnly: 'processing' });
    });

    it('filters by tenant, provider, event type, subject (partial, any case, wildcards literal) and occurred_at window', async () => {
      expect(await listed('?tenant_id=tn_b&sort_order=asc')).toEqual(['processedNone', 'retryingDelivery', 'retryingPaused', 'failedDelivery', 'globex']);
      expect(await listed('?provider=globex')).toEqual(['globex']);
      expect(await listed('?event_type=cost_optimization')).toEqual(['processing']);
      expect(await listed('?event_type=acme.order.paid&tenant_id=tn_a')).toEqual(['acme']);
      expect(await listed('?subject=order_42')).toEqual(['acme']);
      expect(await listed(`?subject=${encodeURIComponent('42%a')}`)).toEqual(['acme']);
      expect(await listed('?subject=_')).toEqual(['acme']);
      expect(await listed('?subject=CUST')).toEqual(['globex']);
      expect(await listed('?subject=nobody')).toEqual([]);
      // occurred_at runs backwards: the last seeded occurred first (01:00), the first last (12:00)
      expect(await listed('?from=2026-10-01T11:00:00Z')).toEqual(['processing', 'pending']);
      expect(await listed('?to=2026-10-01T02:00:00Z')).toEqual(['globex']);
      expect(await listed('?from=2026-10-01T02:00:00Z&to=2026-10-01T04:00:00Z&sort_by=occurred_at&sort_order=asc')).toEqual(['acme', 'deliveriesOnly']);
    });

    it('sorts by received_at (= created_at), occurred_at and status, either way', async () => {
      const received = Object.keys(ids);
      expect(await listed('?sort_by=received_at&sort_order=asc')).toEqual(received);
      expect(await listed('?sort_by=created_at&sort_order=asc')).toEqual(received);
      expect(await listed('?sort_by=created_at')).toEqual([...received].reverse());
      expect(await listed('?sort_by=occurred_at&sort_order=asc')).toEqual([...received].reverse());
      expect(await listed('?sort_by=occurred_at&sort_order=desc')).toEqual(received);
      const statuses = (await list('?sort_by=status&sort_order=asc')).body.data.map((e) => e.status);
      expect([...new Set(statuses)]).toEqual(['pending', 'processing', 'processed', 'retrying', 'failed']);
      const descending = (await list('?sort_by=status&sort_order=desc')).body.data.map((e) => e.status);
      expect([...new Set(descending)]).toEqual(['failed', 'retrying', 'processed', 'processing', 'pending']);
    });

    it('pages: the second page continues the first, a page past the end is empty with the total', async () => {
      const first = await list('?page_size=5');
      const second = await list('?page=2&page_size=5');
      expect([...names(first.body.data), ...names(second.body.data)]).toEqual(Object.keys(ids).reverse().slice(0, 10));
      expect(second.body.meta).toEqual({ request_id: expect.any(String), page: 2, page_size: 5, total: 12 });
      const past = await list('?page=4&page_size=5&tenant_id=tn_a');
      expect([past.status, past.body.data, past.body.meta]).toEqual([200, [], { request_id: expect.any(String), page: 4, page_size: 5, total: 7 }]);
      expect((await list('?page_size=100')).body.data).toHaveLength(12);
    });

    it('answers 400 naming each bad parameter', async () => {
      const cases: Array<[string, string]> = [
        ['?status=done', 'status'],
        ['?sort_by=type', 'sort_by'],
        ['?sort_order=up', 'sort_order'],
        ['?from=yesterday', 'from'],
        ['?to=2026-13-01T00:00:00Z', 'to'],
        ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from'],
        ['?page=0', 'page'],
        ['?page=abc', 'page'],
        ['?page_size=101', 'page_size'],
        ['?page_size=0', 'page_size'],
        ['?subject=', 'subject'],
        ['?tenant_id=', 'tenant_id'],
        ['?provider=', 'provider'],
        ['?event_type=', 'event_type'],
        ['?status=failed&status=pending', 'status'],
      ];
      for (const [query, path] of cases) {
        const res = await list(query);
        expect([query, res.status, res.body.error.code, [...new Set(errorPaths(res))]]).toEqual([query, 400, 'VALIDATION_ERROR', [path]]);
      }
    });
  });

  describe('GET /events/:id', () => {
    it('shows the event with its payload, redacted raw snapshot, processing report and deliveries with their attempts', async () => {
      const res = await call<EventDetail>(app, 'GET', `/events/${ids.acme}`, { ...OPERATOR, 'x-request-id': 'req-read-acme' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: ids.acme,
        tenant_id: 'tn_a',
        status: 'processed',
        schema_version: 1,
        integration_id: expect.any(String),
        payload: { subject: 'Order_42%ABC', data: { n: 1 } },
        raw_snapshot: { headers: { 'content-type': 'application/json', 'x-acme-signature': '[redacted]', authorization: '[redacted]' }, body: SNAPSHOT.body, body_sha256: SNAPSHOT.body_sha256 },
        processing: { status: 'processed', attempts: 1, notification_id: expect.any(String), updated_at: expect.any(String) },
      });
      expect(JSON.stringify(res.body)).not.toContain('leaked-by-an-old-ingress');
      expect(res.body.data.deliveries).toEqual([
        {
          ...shownDelivery({ id: expect.stringContaining(ids.acme), tenant_id: 'tn_a', event_id: ids.acme, status: 'succeeded', attempt_count: 1, last_status_code: 200 }),
          attempts: [{ attempt: 1, outcome: 'success', status_code: 200, error_class: null, latency_ms: 40, response_body_excerpt: 'ok', attempted_at: expect.any(String) }],
        },
      ]);
    });

    it("audits the operator's read of a raw snapshot (event.read), and nothing for an event without one", async () => {
      const entries = await auditOf(app, 'event', ids.acme);
      expect(entries).toEqual([
        { tenant_id: 'tn_a', request_id: 'req-read-acme', actor: 'operator', action: 'event.read', entity_type: 'event', entity_id: ids.acme, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ]);
      expect((await call(app, 'GET', `/events/${ids.processed}`, OPERATOR)).status).toBe(200);
      expect(await auditOf(app, 'event', ids.processed)).toEqual([]);
    });

    it('shows every delivery with its attempts in order, the response body cut to an excerpt, and no processing error text', async () => {
      const processed = (await call<EventDetail>(app, 'GET', `/events/${ids.processed}`, OPERATOR)).body.data;
      expect(processed.raw_snapshot).toBeNull();
      expect(processed.deliveries[0].attempts.map((a) => [a.attempt, a.outcome, a.status_code, a.response_body_excerpt])).toEqual([
        [1, 'retry', 503, 'busy'],
        [2, 'success', 200, null],
      ]);
      const retrying = (await call<EventDetail>(app, 'GET', `/events/${ids.retryingDelivery}`, OPERATOR)).body.data;
      expect(retrying.deliveries[0]).toMatchObject({ status: 'retrying', next_attempt_at: expect.any(String), last_status_code: 500 });
      expect(retrying.deliveries[0].attempts[0].response_body_excerpt).toBe('x'.repeat(1024));
      const failed = (await call<EventDetail>(app, 'GET', `/events/${ids.failedDelivery}`, OPERATOR)).body.data;
      expect(failed.deliveries.map((d) => [d.status, d.last_error])).toEqual([
        ['succeeded', null],
        ['failed', 'http_4xx'],
      ]);
      const failedProcessing = await call<EventDetail>(app, 'GET', `/events/${ids.failedProcessing}`, OPERATOR);
      expect(failedProcessing.body.data.processing).toEqual({ status: 'failed', attempts: 5, notification_id: null, updated_at: expect.any(String) });
      expect(JSON.stringify(failedProcessing.body)).not.toContain('does not exist');
    });
  });

  describe('GET /events/:id/status and /processing-status/:id', () => {
    it('reports the derived status with the processing report and the delivery counts, on both routes', async () => {
      const status = await call<EventStatusView>(app, 'GET', `/events/${ids.failedDelivery}/status`, OPERATOR);
      expect(status.status).toBe(200);
      expect(status.body.data).toEqual({
        event_id: ids.failedDelivery,
        status: 'failed',
        processing: { status: 'processed', attempts: 1, notification_id: expect.any(String), updated_at: expect.any(String) },
        deliveries: { total: 2, succeeded: 1, failed: 1, pending: 0, retrying: 0 },
      });
      const alias = await call<EventStatusView>(app, 'GET', `/processing-status/${ids.failedDelivery}`, OPERATOR);
      expect([alias.status, alias.body.data]).toEqual([200, status.body.data]);
      const pending = await call<EventStatusView>(app, 'GET', `/processing-status/${ids.pending}`, OPERATOR);
      expect(pending.body.data).toEqual({ event_id: ids.pending, status: 'pending', processing: null, deliveries: { total: 0, succeeded: 0, failed: 0, pending: 0, retrying: 0 } });
      const paused = await call<EventStatusView>(app, 'GET', `/events/${ids.retryingPaused}/status`, OPERATOR);
      expect(paused.body.data).toMatchObject({ status: 'retrying', deliveries: { total: 1, retrying: 1 } });
    });
  });

  describe('first match wins', () => {
    it('a failed report outranks retrying and pending ones; a paused delivery outranks processed', async () => {
      const at = { occurredAt: '2026-09-01T00:00:00Z', receivedAt: '2026-09-01T00:00:00Z' };
      const mixed = await seedEvent(app, { tenantId: 'tn_c', ...at });
      await seedProcessing(app, 'tn_c', mixed, 'retrying', 3);
      await seedDelivery(app, 'tn_c', mixed, 'retrying');
      await seedDelivery(app, 'tn_c', mixed, 'pending');
      await seedDelivery(app, 'tn_c', mixed, 'failed');
      const paused = await seedEvent(app, { tenantId: 'tn_c', ...at });
      await seedProcessing(app, 'tn_c', paused, 'processed');
      await seedDelivery(app, 'tn_c', paused, 'succeeded');
      await seedDelivery(app, 'tn_c', paused, 'paused');
      const status = async (id: string) => (await call<EventStatusView>(app, 'GET', `/events/${id}/status`, OPERATOR)).body.data;
      expect(await status(mixed)).toMatchObject({ status: 'failed', deliveries: { total: 3, succeeded: 0, failed: 1, pending: 1, retrying: 1 } });
      expect(await status(paused)).toMatchObject({ status: 'retrying', deliveries: { total: 2, succeeded: 1, retrying: 1 } });
      expect((await list('?tenant_id=tn_c&status=failed')).body.data.map((e) => e.id)).toEqual([mixed]);
    });
  });

  describe('access and unknown ids', () => {
    const routes = () => ['/events', `/events/${ids.acme}`, `/events/${ids.acme}/status`, `/processing-status/${ids.acme}`];

    it('answers 404 for an unknown or malformed id on every event route', async () => {
      for (const id of ['7d1c6a52-8f7e-4a36-9d4e-1b2c3d4e5f60', 'not-a-uuid', "1' OR '1'='1"]) {
        for (const path of [`/events/${encodeURIComponent(id)}`, `/events/${encodeURIComponent(id)}/status`, `/processing-status/${encodeURIComponent(id)}`]) {
          const res = await call(app, 'GET', path, OPERATOR);
          expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'RESOURCE_NOT_FOUND']);
        }
      }
    });

    it('answers 401 without the operator key, with a wrong one, and to a tenant admin token', async () => {
      for (const path of routes()) {
        for (const headers of [{}, { 'x-internal-api-key': 'nope' }, adminOf(app, 'tn_a')]) {
          const res = await call(app, 'GET', path, headers);
          expect([path, res.status, res.body.error.code]).toEqual([path, 401, 'AUTHENTICATION_REQUIRED']);
        }
      }
    });
  });
});
