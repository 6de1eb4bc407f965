// A RabbitMQ outage under steady load, as a consumer of herald.events sees it: every event
// the gateway answered 202 to ends up on a queue bound before the first publish. Events
// accepted during or after the outage arrive exactly once; one accepted before the cut may
// arrive twice (its confirm was lost with the connection, so the relay publishes it again:
// at-least-once, consumers dedupe by event id).
import amqplib from 'amqplib';
import { Exchanges } from '@herald/contracts';
import { AmqpConnection } from '@herald/platform/messaging';
import { createTestInfrastructure, eventually, startTcpProxy, startTestApp, TcpProxy, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const TENANT = 'tn_broker_outage';
const CLIENTS = 8;

type Phase = 'before' | 'during' | 'after';

/** A 202 and the phase its request started in (a request started before the cut may be in flight at it). */
interface Accepted {
  eventId: string;
  phase: Phase;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ingestion-gateway through a broker outage', () => {
  let infra: TestInfrastructure;
  let proxy: TcpProxy;
  let gw: TestApp;
  let token: string;
  let queue: string;

  beforeAll(async () => {
    infra = await createTestInfrastructure('broker_outage');
    proxy = await startTcpProxy(infra.amqpUrl);
    // the limit is not under test here: a few thousand publishes must not meet it
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { AMQP_URL: proxy.url, RATE_LIMIT_PER_PRINCIPAL_PER_HOUR: '1000000' });
    token = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish'] });
    queue = `${infra.amqpPrefix}test.broker-outage`;
    // the gateway declared the exchanges on connect; our queue must exist before the first publish
    await withChannel(infra, async (channel) => {
      await channel.assertQueue(queue, { durable: true });
      await channel.bindQueue(queue, infra.amqpPrefix + Exchanges.events, 'business.#');
    });
  });

  afterAll(async () => {
    proxy?.restore();
    await gw?.close();
    await proxy?.close();
    await infra?.teardown(queue ? [queue] : []);
  });

  it('puts every accepted event on the queue: exactly once when accepted during or after the outage, at least once when accepted before the cut', async () => {
    const accepted: Accepted[] = [];
    const statuses: number[] = [];
    let phase: Phase = 'before';
    let running = true;
    const client = async (id: number) => {
      for (let i = 0; running; i++) {
        const startedIn = phase;
        const res = await publish(id * 100_000 + i);
        statuses.push(res.status);
        if (res.status === 202) accepted.push({ eventId: ((await res.json()) as { data: { event_id: string } }).data.event_id, phase: startedIn });
        else await res.text();
        await sleep(5);
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));

    await sleep(3000);
    proxy.cut();
    phase = 'during';
    await eventually(async () => (gw.app.get(AmqpConnection).isConnected() ? undefined : true), 10_000, 'broker disconnect noticed');
    await sleep(3000);
    const readyDuringOutage = (await fetch(`${gw.url}/api/v1/health/ready`)).status;
    proxy.restore();
    phase = 'after';
    await eventually(async () => (gw.app.get(AmqpConnection).isConnected() ? true : undefined), 30_000, 'broker reconnected');
    await sleep(2000);
    running = false;
    await load;

    expect(readyDuringOutage).toBe(200);
    expect(new Set(statuses)).toEqual(new Set([202]));
    for (const p of ['before', 'during', 'after'] as const) expect(accepted.filter((a) => a.phase === p).length).toBeGreaterThan(0);

    await eventually(async () => ((await outboxRows()) === 0 ? true : undefined), 60_000, 'outbox drained');
    await eventually(queueSettled, 30_000, 'queue depth stable');
    const onQueue = await drainQueue();

    const counts = new Map<string, number>();
    for (const id of onQueue) counts.set(id, (counts.get(id) ?? 0) + 1);
    const missing = accepted.filter((a) => !counts.has(a.eventId));
    const duplicated = accepted.filter((a) => (counts.get(a.eventId) ?? 0) > 1);
    const byPhase = (p: Phase) => accepted.filter((a) => a.phase === p).length;
    console.log(
      `broker outage: ${accepted.length} accepted (before ${byPhase('before')}, during ${byPhase('during')}, after ${byPhase('after')}), ` +
        `${onQueue.length} messages on the queue, ${duplicated.length} ids duplicated (${duplicated.map((a) => a.phase).join(', ') || 'none'})`,
    );
    expect(missing).toEqual([]);
    expect(duplicated.filter((a) => a.phase !== 'before')).toEqual([]);
    // nothing on the queue that was not accepted
    expect(counts.size).toBe(accepted.length);
  }, 180_000);

  function publish(n: number): Promise<Response> {
    return fetch(`${gw.url}/api/v1/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'revenue_impact', source: 'broker-outage', timestamp: '2026-11-23T10:00:00Z', payload: { impact_amount: n, impact_type: 'increase' } }),
    });
  }

  async function outboxRows(): Promise<number> {
    const [{ n }] = await gw.dataSource.query('SELECT count(*)::int AS n FROM outbox');
    return n;
  }

  /** True once the queue's depth stays the same for a second: a publish whose confirm timed out may still land late. */
  async function queueSettled(): Promise<true | undefined> {
    const depth = () => withChannel(infra, async (channel) => (await channel.checkQueue(queue)).messageCount);
    const first = await depth();
    await sleep(1000);
    return (await depth()) === first ? true : undefined;
  }

  /** Takes every message off the queue; returns their message ids (the event ids) in order. */
  function drainQueue(): Promise<string[]> {
    return withChannel(infra, async (channel) => {
      const ids: string[] = [];
      for (let msg = await channel.get(queue, { noAck: true }); msg; msg = await channel.get(queue, { noAck: true })) ids.push(String(msg.properties.messageId));
      return ids;
    });
  }
});

/** Runs `work` on a channel of a direct connection to the broker (not the proxy the gateway uses). */
async function withChannel<T>(infra: TestInfrastructure, work: (channel: amqplib.Channel) => Promise<T>): Promise<T> {
  const connection = await amqplib.connect(infra.amqpUrl);
  try {
    return await work(await connection.createChannel());
  } finally {
    await connection.close();
  }
}
