// Graceful shutdown: a gateway closed while requests are in flight answers them, commits
// what it accepted, publishes it and only then closes its connections — every event it
// answered 202 reaches the notification service and no outbox row is left behind.
import { Metrics } from '@herald/platform/observability';
import { createTestInfrastructure, eventually, holdTableLock, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { DataSource } from 'typeorm';
import { createDataSource } from '@herald/platform/persistence';
import { DEMO_TENANT_ID, seedDemo, startGateway, startNotificationService } from './stack';

describe('graceful shutdown of the gateway', () => {
  let infra: TestInfrastructure;
  let gateway: TestApp;
  let notifications: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    infra = await createTestInfrastructure('shutdown');
    notifications = await startNotificationService(infra);
    gateway = await startGateway(infra, { OUTBOX_WRITE_TIMEOUT_MS: '20000' });
    await seedDemo(notifications.dataSource);
    db = await createDataSource({ databaseUrl: infra.databaseUrl, databasePoolSize: 2, appName: 'shutdown-test' }).initialize();
  });

  afterAll(async () => {
    await notifications?.close();
    await db?.destroy();
    await infra?.teardown();
  });

  it('finishes in-flight requests and publishes everything it accepted before closing', async () => {
    const token = gateway.token({ sub: 'svc', tenant_id: DEMO_TENANT_ID, scope: ['events:publish'] });
    const send = (n: number) =>
      fetch(`${gateway.url}/api/v1/internal/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          type: 'resource_usage',
          source: 'shutdown-test',
          timestamp: new Date().toISOString(),
          payload: { resource_type: 'cpu', usage: n },
        }),
      }).then(
        async (res) => ({ status: res.status, id: res.status === 202 ? ((await res.json()) as { data: { event_id: string } }).data.event_id : undefined }),
        () => ({ status: 0, id: undefined }),
      );

    // Another session holds the events table, so every request stays parked in the outbox
    // writer until the test lets go — after close() has begun, whatever the machine's load.
    const release = await holdTableLock(infra.databaseUrl, 'events');
    const waiting = async () => (await gateway.app.get(Metrics).outboxWaiting.get()).values[0]?.value;
    const inFlight = Array.from({ length: 40 }, (_, i) => send(i));
    await eventually(async () => ((await waiting()) === 40 ? true : undefined), 10_000, 'all 40 requests parked in the writer');
    const closing = gateway.close();
    await new Promise((r) => setTimeout(r, 200));
    await release();
    await closing;
    const results = await Promise.all(inFlight);
    const accepted = results.flatMap((r) => (r.id ? [r.id] : []));

    expect(results.map((r) => r.status)).toEqual(Array(40).fill(202));
    const [{ left }] = await db.query('SELECT count(*)::int AS left FROM outbox');
    expect(left).toBe(0);
    await eventually(async () => {
      const [{ count }] = await db.query('SELECT count(*)::int AS count FROM notifications WHERE event_id = ANY($1::uuid[])', [accepted]);
      return count === accepted.length ? count : undefined;
    }, 5000, 'a notification for every accepted event');
  });
});
