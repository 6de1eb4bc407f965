// The gateway while a dependency is down, as a client and a load balancer see it: with
// PostgreSQL unreachable under load it answers 503 envelopes with Retry-After (never a raw
// driver error), recovers by itself, and every 202 it gave is stored; with RabbitMQ
// unreachable it stays ready and keeps accepting (the outbox holds the events).
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { createTestInfrastructure, eventually, startTcpProxy, startTestApp, TcpProxy, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { AmqpConnection } from '@herald/platform/messaging';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const TENANT = 'tn_outage';

interface Outcome {
  status: number;
  text: string;
  retryAfter: string | null;
  eventId?: string;
}

describe('ingestion-gateway while a dependency is down', () => {
  let infra: TestInfrastructure;
  let dbProxy: TcpProxy;
  let mqProxy: TcpProxy;
  let gw: TestApp;
  let token: string;

  beforeAll(async () => {
    infra = await createTestInfrastructure('outage');
    dbProxy = await startTcpProxy(infra.databaseUrl);
    mqProxy = await startTcpProxy(infra.amqpUrl);
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { DATABASE_URL: dbProxy.url, AMQP_URL: mqProxy.url });
    token = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish'] });
  });

  afterAll(async () => {
    dbProxy?.restore();
    mqProxy?.restore();
    await gw?.close();
    await dbProxy?.close();
    await mqProxy?.close();
    await infra?.teardown();
  });

  const publish = async (n: number): Promise<Outcome> => {
    const res = await fetch(`${gw.url}/api/v1/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'revenue_impact', source: 'outage', timestamp: '2026-11-23T10:00:00Z', payload: { impact_amount: n, impact_type: 'increase' } }),
    });
    const text = await res.text();
    const eventId = res.status === 202 ? (JSON.parse(text) as { data: { event_id: string } }).data.event_id : undefined;
    return { status: res.status, text, retryAfter: res.headers.get('retry-after'), eventId };
  };

  /** Reads through a direct connection, not the proxy the app uses. */
  async function storedIds(ids: string[]): Promise<number> {
    const client = new Client({ connectionString: infra.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM events WHERE id = ANY($1::uuid[])', [ids]);
      return rows[0].n as number;
    } finally {
      await client.end();
    }
  }

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while PostgreSQL is down under load, then recovers with every 202 stored', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const client = async (id: number) => {
      for (let i = 0; running; i++) {
        outcomes.push(await publish(id * 10_000 + i));
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, i) => client(i)));
    await new Promise((r) => setTimeout(r, 700));
    dbProxy.cut();
    await new Promise((r) => setTimeout(r, 2000));
    const ready = await fetch(`${gw.url}/api/v1/health/ready`);
    const readyText = await ready.text();
    dbProxy.restore();
    const recoveredFrom = outcomes.length;
    await eventually(async () => (outcomes.slice(recoveredFrom).filter((o) => o.status === 202).length >= 20 ? true : undefined), 15_000, 'recovery');
    running = false;
    await load;

    const statuses = new Set(outcomes.map((o) => o.status));
    expect([...statuses].sort()).toEqual([202, 503]);
    const unavailable = outcomes.filter((o) => o.status === 503);
    for (const o of unavailable) {
      expect(JSON.parse(o.text)).toMatchObject({ success: false, error: { code: 'SERVICE_UNAVAILABLE' } });
      expect(Number(o.retryAfter)).toBeGreaterThan(0);
      expect(o.text).not.toMatch(/127\.0\.0\.1|:5432|ECONN|postgres|terminated/i);
    }
    // not ready while its database is away, and the body names the check, not the error
    expect(ready.status).toBe(503);
    expect(JSON.parse(readyText)).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', details: { failing: ['database'] } } });
    expect(readyText).not.toMatch(/127\.0\.0\.1|:\d{4,5}|ECONN|terminated/i);

    const accepted = outcomes.filter((o) => o.eventId).map((o) => o.eventId as string);
    expect(await storedIds(accepted)).toBe(accepted.length);
  });

  it('stays ready and keeps accepting while RabbitMQ is down; /health names the broker without its address', async () => {
    mqProxy.cut();
    await eventually(async () => (gw.app.get(AmqpConnection).isConnected() ? undefined : true), 5000, 'broker disconnect noticed');
    try {
      const ready = await fetch(`${gw.url}/api/v1/health/ready`);
      expect(ready.status).toBe(200);
      const health = await fetch(`${gw.url}/api/v1/health`);
      const text = await health.text();
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).not.toBeNull();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', details: { failing: ['broker'] } } });
      expect(text).not.toMatch(/127\.0\.0\.1|:5672|ECONN|amqp:/i);
      const accepted = await publish(1);
      expect(accepted.status).toBe(202);
      const [{ n }] = await gw.app.get(DataSource).query('SELECT count(*)::int AS n FROM outbox WHERE event_id = $1', [accepted.eventId]);
      expect(n).toBe(1);
    } finally {
      mqProxy.restore();
    }
    await eventually(
      async () => {
        const [{ n }] = await gw.app.get(DataSource).query('SELECT count(*)::int AS n FROM outbox');
        return n === 0 ? true : undefined;
      },
      15_000,
      'outbox published after the broker came back',
    );
  });
});
