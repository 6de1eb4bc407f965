// The grouped outbox writer under database trouble, on real Postgres: a full queue answers
// 503 at once, no client waits past its deadline, a unique key resolves to the stored event
// inside the same group (no extra transactions), and a row the database refuses fails
// alone, as a client error.
import { randomUUID } from 'node:crypto';
import { parseTenantId } from '@herald/contracts';
import { OutboxWriter, AcceptedEvent } from '@herald/event-store';
import { Metrics } from '@herald/platform/observability';
import { createTestInfrastructure, holdTableLock, startTestApp, TestApp, TestInfrastructure, outboxFlushCount } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const TENANT = parseTenantId('tn_writer');

const body = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'revenue_impact',
  source: 'writer-test',
  timestamp: '2026-11-23T10:00:00Z',
  payload: { impact_amount: n, impact_type: 'increase', currency: 'USD', ...extra },
});

const webhookEvent = (providerEventId: string): AcceptedEvent => ({
  id: randomUUID(),
  tenantId: TENANT,
  kind: 'webhook',
  type: 'acme.order.created',
  source: 'acme',
  schemaVersion: 1,
  payload: { order: providerEventId },
  recipients: null,
  customerId: null,
  occurredAt: new Date(),
  receivedAt: new Date(),
  requestId: 'writer-test',
  traceparent: '',
  provider: 'acme',
  providerEventId,
});

describe('outbox writer under database trouble', () => {
  let infra: TestInfrastructure;
  let gw: TestApp;
  /** The same app with a small queue and a short deadline. */
  let tight: TestApp;
  let token: string;

  beforeAll(async () => {
    infra = await createTestInfrastructure('writer');
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    tight = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { OUTBOX_QUEUE_MAX: '20', OUTBOX_WRITE_TIMEOUT_MS: '1000' });
    token = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish'] });
  });

  afterAll(async () => {
    await gw?.close();
    await tight?.close();
    await infra?.teardown();
  });

  const post = async (payload: unknown, app = gw) => {
    const started = Date.now();
    const res = await fetch(`${app.url}/api/v1/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(payload),
    });
    const json = (await res.json()) as { error?: { code: string; message: string } };
    return { status: res.status, json, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
  };

  it('answers 503 with Retry-After when its queue is full, and no client waits past its deadline', async () => {
    // Another session holds the events table: every flush blocks on it, as on a stuck database.
    const release = await holdTableLock(infra.databaseUrl, 'events');
    try {
      const results = await Promise.all(Array.from({ length: 150 }, (_, i) => post(body(i), tight)));
      const unavailable = results.filter((r) => r.status === 503);
      expect(results.every((r) => r.status === 503)).toBe(true);
      for (const r of unavailable) {
        expect(r.json.error?.code).toBe('SERVICE_UNAVAILABLE');
        expect(Number(r.retryAfter)).toBeGreaterThan(0);
      }
      // both ways out were taken: refused at once (queue full) and given up at the 1 s deadline
      const rejected = (await tight.app.get(Metrics).outboxRejected.get()).values;
      const count = (reason: string) => rejected.find((v) => v.labels.reason === reason)?.value ?? 0;
      expect(count('queue_full')).toBeGreaterThan(0);
      expect(count('deadline')).toBeGreaterThan(0);
      expect(count('queue_full') + count('deadline')).toBe(150);
      // The deadline is 1 s. Without one these requests would wait as long as the lock is held
      // (until this test ends); the bound leaves room for a loaded CI machine.
      expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(8000);
    } finally {
      await release();
    }
    const after = await post(body(1), tight);
    expect(after.status).toBe(202);
  });

  it('resolves a duplicate unique key inside a group of 500 to the stored event, in one transaction', async () => {
    const writer = gw.app.get(OutboxWriter);
    const first = await writer.append(webhookEvent('evt-dup-1'));
    expect(first.duplicate).toBe(false);

    const before = await outboxFlushCount(gw);
    const group = Array.from({ length: 499 }, (_, i) => webhookEvent(`evt-group-${i}`));
    const again = webhookEvent('evt-dup-1');
    const results = await Promise.all([...group, again].map((e) => writer.append(e)));

    expect(await outboxFlushCount(gw)).toBe(before + 1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(499);
    expect(results[499]).toEqual({ eventId: first.eventId, duplicate: true });
    const [{ n }] = await gw.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE provider_event_id = 'evt-dup-1'`);
    expect(n).toBe(1);
  });

  it('stores the same provider event id once per tenant, not once overall', async () => {
    const writer = gw.app.get(OutboxWriter);
    const mine = await writer.append(webhookEvent('evt-shared'));
    const theirs = await writer.append({ ...webhookEvent('evt-shared'), tenantId: parseTenantId('tn_writer_other') });
    expect(theirs.duplicate).toBe(false);
    expect(theirs.eventId).not.toBe(mine.eventId);
  });

  it('answers 422, not 500, for a payload the database refuses, and stores its neighbours', async () => {
    const results = await Promise.all([post(body(1, { summary: 'bad \u0000 byte' })), ...Array.from({ length: 9 }, (_, i) => post(body(i)))]);
    expect(results[0].status).toBe(422);
    expect(results[0].json.error?.code).toBe('VALIDATION_ERROR');
    expect(results.slice(1).map((r) => r.status)).toEqual(Array(9).fill(202));
  });
});
