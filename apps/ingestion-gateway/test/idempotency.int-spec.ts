// Idempotency-Key on every creating POST (SPEC §4), against real Postgres, RabbitMQ and Redis:
// the key is reserved in the statement that stores the request's events, so the same request
// again (sequentially or 20 at once) makes one event and gets the original answer; the same
// key with another body is 409; keys are per tenant and per route; a refused request does
// not use its key; expired keys are free again and purged.
import { createHash, randomUUID } from 'node:crypto';
import { Exchanges } from '@herald/contracts';
import { canonicalize } from 'json-canonicalize';
import { countMessages, createTestInfrastructure, eventually, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { IdempotencyKeyPurge } from '@herald/event-store';

const TENANT = 'tn_idem';
const OTHER = 'tn_idem_other';

const event = (amount = 1) => ({
  type: 'revenue_impact',
  source: 'billing',
  timestamp: '2026-11-23T10:00:00Z',
  payload: { impact_amount: amount, impact_type: 'increase', currency: 'USD' },
});

type Answer = { status: number; replayed: string | null; body: { success: boolean; data?: Record<string, unknown>; error?: { code: string } } };

describe('ingestion-gateway Idempotency-Key', () => {
  let infra: TestInfrastructure;
  let gw: TestApp;
  let token: string;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway_idempotency');
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(gw.dataSource, TENANT, [{ id: 'u_ana' }]);
    token = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish', 'notifications:publish'] });
  });

  afterAll(async () => {
    await gw?.close();
    await infra?.teardown();
  });

  async function post(path: string, body: unknown, key?: string, bearer = token): Promise<Answer> {
    const res = await fetch(`${gw.url}/api/v1/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify(body),
    });
    return { status: res.status, replayed: res.headers.get('idempotency-replayed'), body: (await res.json()) as Answer['body'] };
  }

  const countEvents = async (tenant = TENANT) =>
    Number((await gw.dataSource.query('SELECT count(*) AS n FROM events WHERE tenant_id = $1', [tenant]))[0].n);

  it('answers the same key and body with the original 202 and event id, storing one event', async () => {
    const key = randomUUID();
    const before = await countEvents();
    const first = await post('internal/events', event(1), key);
    const again = await post('internal/events', event(1), key);
    expect(first.status).toBe(202);
    expect(first.replayed).toBeNull();
    expect(again.status).toBe(202);
    expect(again.replayed).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
    expect(await countEvents()).toBe(before + 1);
  });

  it('takes the body canonically: the same fields in another order are the same request', async () => {
    const key = randomUUID();
    const body = event(2);
    const reordered = { payload: { currency: 'USD', impact_type: 'increase', impact_amount: 2 }, timestamp: body.timestamp, source: body.source, type: body.type };
    const first = await post('internal/events', body, key);
    const again = await post('internal/events', reordered, key);
    expect(again.replayed).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another body or on another route, storing nothing', async () => {
    const key = randomUUID();
    expect((await post('internal/events', event(3), key)).status).toBe(202);
    const before = await countEvents();
    const otherBody = await post('internal/events', event(4), key);
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherRoute = await post('internal/events/batch', { events: [event(3)] }, key);
    expect(otherRoute.status).toBe(409);
    expect(await countEvents()).toBe(before);
  });

  it('scopes keys per tenant: another tenant with the same key makes its own event', async () => {
    const key = randomUUID();
    const other = gw.token({ sub: 'svc', tenant_id: OTHER, scope: ['events:publish'] });
    const mine = await post('internal/events', event(5), key);
    const theirs = await post('internal/events', event(5), key, other);
    expect(theirs.status).toBe(202);
    expect(theirs.replayed).toBeNull();
    expect(theirs.body.data?.['event_id']).not.toEqual(mine.body.data?.['event_id']);
    expect(await countEvents(OTHER)).toBe(1);
  });

  it('makes exactly one event of 20 concurrent requests with one key, each answered 202 with its id', async () => {
    const key = randomUUID();
    const before = await countEvents();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('internal/events', event(6), key)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((a) => a.body.data?.['event_id'])).size).toBe(1);
    expect(answers.filter((a) => a.replayed === null)).toHaveLength(1);
    expect(await countEvents()).toBe(before + 1);
    const [{ n }] = await gw.dataSource.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE tenant_id = $1 AND key = $2', [TENANT, key]);
    expect(n).toBe(1);
  });

  it('replays a batch as a whole, its refused items included, and stores its events once', async () => {
    const key = randomUUID();
    const body = { events: [event(7), { ...event(8), type: 'no_such_type' }, event(9)] };
    const before = await countEvents();
    const first = await post('internal/events/batch', body, key);
    const again = await post('internal/events/batch', body, key);
    expect(first.status).toBe(202);
    expect(again.replayed).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
    const results = first.body.data?.['results'] as Array<{ event_id?: string; error?: { code: string } }>;
    expect(results.map((r) => (r.event_id ? 'ok' : r.error?.code))).toEqual(['ok', 'VALIDATION_ERROR', 'ok']);
    expect(await countEvents()).toBe(before + 2);
  });

  it('remembers a batch whose every item was refused, so another body under its key is 409', async () => {
    const key = randomUUID();
    const refused = await post('internal/events/batch', { events: [{ ...event(), type: 'no_such_type' }] }, key);
    expect(refused.status).toBe(202);
    expect((await post('internal/events/batch', { events: [event(10)] }, key)).status).toBe(409);
  });

  it('works on a facade and on a notification trigger', async () => {
    const facadeKey = randomUUID();
    const facade = { source: 'billing', timestamp: '2026-11-23T10:00:00Z', impact_amount: 11, impact_type: 'increase', currency: 'USD' };
    const f1 = await post('internal/events/revenue-impact', facade, facadeKey);
    const f2 = await post('internal/events/revenue-impact', facade, facadeKey);
    expect([f1.status, f2.status, f2.replayed]).toEqual([202, 202, 'true']);
    expect(f2.body.data).toEqual(f1.body.data);

    const triggerKey = randomUUID();
    const trigger = { type: 'content.approved', source: 'cms', recipients: { users: ['u_ana'] }, payload: { content_id: 'post-1' } };
    const t1 = await post('notifications', trigger, triggerKey);
    const t2 = await post('notifications', trigger, triggerKey);
    expect([t1.status, t2.status, t2.replayed]).toEqual([202, 202, 'true']);
    expect(t2.body.data).toEqual(t1.body.data);
    expect(t1.body.data).toMatchObject({ notification_event_id: expect.any(String), status: 'accepted' });
    expect((await post('notifications', { ...trigger, payload: { content_id: 'post-2' } }, triggerKey)).status).toBe(409);
  });

  it('does not use the key of a refused request: the corrected request under it is accepted', async () => {
    const key = randomUUID();
    const refused = await post('internal/events', { ...event(), type: 'no_such_type' }, key);
    expect(refused.status).toBe(422);
    const accepted = await post('internal/events', event(12), key);
    expect(accepted.status).toBe(202);
    expect(accepted.replayed).toBeNull();
  });

  it('answers 400 naming Idempotency-Key for a key with spaces or over 255 characters', async () => {
    for (const key of ['has space', 'k'.repeat(256)]) {
      const res = await post('internal/events', event(), key);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_ERROR');
    }
  });

  it('frees an expired key for a new request, and the purge deletes expired keys', async () => {
    const key = randomUUID();
    const first = await post('internal/events', event(13), key);
    await gw.dataSource.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND key = $2`, [TENANT, key]);
    const reused = await post('internal/events', event(14), key);
    expect(reused.status).toBe(202);
    expect(reused.replayed).toBeNull();
    expect(reused.body.data?.['event_id']).not.toEqual(first.body.data?.['event_id']);

    const stale = randomUUID();
    await post('internal/events', event(15), stale);
    await gw.dataSource.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND key = $2`, [TENANT, stale]);
    expect(await gw.app.get(IdempotencyKeyPurge).purge()).toBeGreaterThanOrEqual(1);
    const left: Array<{ key: string }> = await gw.dataSource.query('SELECT key FROM idempotency_keys WHERE tenant_id = $1 AND key = ANY($2)', [TENANT, [key, stale]]);
    expect(left.map((r) => r.key)).toEqual([key]);
    const [{ ttl }] = await gw.dataSource.query(
      `SELECT round(extract(epoch FROM expires_at - created_at))::int AS ttl FROM idempotency_keys WHERE tenant_id = $1 AND key = $2`,
      [TENANT, key],
    );
    expect(ttl).toBe(24 * 60 * 60);
  });
});

describe('ingestion-gateway audit entries and the analytics channel', () => {
  let infra: TestInfrastructure;
  let gw: TestApp;
  let plain: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway_audit');
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { POSTHOG_HOST: 'https://posthog.example', POSTHOG_API_KEY: 'phc_test' });
    plain = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(gw.dataSource, TENANT, [{ id: 'u_ana' }]);
  });

  afterAll(async () => {
    await gw?.close();
    await plain?.close();
    await infra?.teardown();
  });

  const post = (app: TestApp, path: string, bearer: string, body: unknown) =>
    fetch(`${app.url}/api/v1/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) });

  it('writes an audit entry with the canonical payload fingerprint for high and critical alerts only, also in a batch', async () => {
    const alerter = gw.token({ sub: 'alerts-bot', tenant_id: TENANT, scope: ['events:publish', 'alerts:publish'] });
    const payload = { impact_amount: 9000, impact_type: 'decrease', currency: 'EUR', severity: 'critical', title: 'Churn' };
    const critical = await post(gw, 'internal/events', alerter, { ...event(), payload });
    expect(critical.status).toBe(202);
    const { data, meta } = (await critical.json()) as { data: { event_id: string }; meta: { request_id: string } };
    const rows = await gw.dataSource.query('SELECT tenant_id, request_id, actor, action, entity_type, fingerprint FROM event_audit WHERE entity_id = $1', [data.event_id]);
    expect(rows).toEqual([
      {
        tenant_id: TENANT,
        request_id: meta.request_id,
        actor: 'user:alerts-bot',
        action: 'alert.published',
        entity_type: 'event',
        fingerprint: createHash('sha256').update(canonicalize(payload)).digest('hex'),
      },
    ]);

    const batch = await post(gw, 'internal/events/batch', alerter, { events: [event(1), { ...event(), payload: { ...payload, severity: 'high' } }, { ...event(), payload: { ...payload, severity: 'low' } }] });
    const results = ((await batch.json()) as { data: { results: Array<{ event_id: string }> } }).data.results;
    const audited: Array<{ entity_id: string }> = await gw.dataSource.query('SELECT entity_id FROM event_audit WHERE entity_id = ANY($1)', [results.map((r) => r.event_id)]);
    expect(audited.map((r) => r.entity_id)).toEqual([results[1].event_id]);
  });

  it('queues business events for the analytics channel when PostHog is configured, and nothing else', async () => {
    const analytics = await countMessages(infra, Exchanges.deliveries, 'analytics');
    const events = await countMessages(infra, Exchanges.events, '#');
    try {
      const bearer = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish', 'notifications:publish'] });
      const withPosthog = await post(gw, 'internal/events', bearer, event(21));
      const withoutPosthog = await post(plain, 'internal/events', bearer, event(22));
      const trigger = await post(gw, 'notifications', bearer, { type: 'content.approved', source: 'cms', recipients: { users: ['u_ana'] }, payload: { content_id: 'p' } });
      const ids = await Promise.all([withPosthog, withoutPosthog, trigger].map(async (r) => ((await r.json()) as { data: Record<string, string> }).data));
      const [business, unforwarded, notification] = [ids[0]['event_id'], ids[1]['event_id'], ids[2]['notification_event_id']];
      const arrived = () => [business, unforwarded, notification].every((id) => events.received.has(id)) && analytics.received.has(business);
      await eventually(async () => (arrived() ? true : undefined), 10_000, 'the events and the analytics job published');
      expect(analytics.received.get(business)).toMatchObject({ routingKey: 'analytics', headers: { channel: 'analytics', event_id: business, tenant_id: TENANT } });
      expect(analytics.received.has(unforwarded)).toBe(false);
      expect(analytics.received.has(notification)).toBe(false);
      expect(analytics.duplicates() + events.duplicates()).toBe(0);
    } finally {
      await analytics.close();
      await events.close();
    }
  });
});
