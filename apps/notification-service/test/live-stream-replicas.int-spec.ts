// The live stream across notification-service replicas on one Postgres and RabbitMQ: a
// notification consumed on A reaches a client of B (each replica's broadcast queue on
// herald.realtime); shutting a replica down ends its streams so clients reconnect elsewhere;
// in production the dev pushes do not exist while the stream does.
import { Metrics } from '@herald/platform/observability';
import { createTestInfrastructure, eventMessage, eventually, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent } from './feed-client';
import { openLiveStream } from './sse-client';

const TENANT = 'tn_replicas';

/** Rows this replica's relay published from its own commits (each replica's consumer commits its notifications' fan-out). */
async function relayedByItself(app: TestApp): Promise<number> {
  const metric = await app.app.get(Metrics).outboxRelayed.get();
  return metric.values.filter((v) => v.labels['path'] === 'immediate').reduce((sum, v) => sum + v.value, 0);
}

describe('notification-service live stream across replicas', () => {
  let infra: TestInfrastructure;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('live_replicas');
    a = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    b = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(a.dataSource, TENANT, [{ id: 'u_ana' }, { id: 'u_ben' }]);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await infra?.teardown();
  });

  it('delivers to a client of B what A consumed, and to a client of A what B consumed', async () => {
    const token = a.token({ sub: 'u_ana', tenant_id: TENANT, scope: ['notifications:read'] });
    const onA = await openLiveStream(a, { token });
    const onB = await openLiveStream(b, { token });
    const events = Array.from({ length: 8 }, (_, n) =>
      eventMessage({ tenant_id: TENANT, kind: 'notification', type: 'content.approved', payload: { content_id: `c${n}`, summary: `n${n}` }, recipients: { users: ['u_ana'] } }),
    );
    for (const event of events) await publishEvent(a, event);
    await onA.waitForEvents(8);
    await onB.waitForEvents(8);
    expect(onB.events.map((e) => e.id).sort()).toEqual(onA.events.map((e) => e.id).sort());
    expect(new Set(onB.events.map((e) => e.id)).size).toBe(8);
    // both replicas consumed some of them (the work queue alternates between its consumers)
    expect(await relayedByItself(a)).toBeGreaterThan(0);
    expect(await relayedByItself(b)).toBeGreaterThan(0);
    onA.close();
    onB.close();
  });

  it('ends its streams when a replica shuts down, so the client reconnects to another, missing nothing', async () => {
    const c = await startTestApp(APP_DEFAULTS, (cfg) => AppModule.forRoot(cfg), infra);
    const token = c.token({ sub: 'u_ben', tenant_id: TENANT, scope: ['notifications:read'] });
    const onC = await openLiveStream(c, { token });
    const first = eventMessage({ tenant_id: TENANT, kind: 'notification', type: 'content.approved', payload: { content_id: 'x', summary: 'before' }, recipients: { users: ['u_ben'] } });
    await publishEvent(a, first);
    const [seen] = await onC.waitForEvents(1);
    const started = Date.now();
    await c.close();
    expect(Date.now() - started).toBeLessThan(4000);
    await onC.waitFor(() => onC.ended, 'the stream to end', 2000);

    const missed = eventMessage({ tenant_id: TENANT, kind: 'notification', type: 'content.approved', payload: { content_id: 'y', summary: 'while away' }, recipients: { users: ['u_ben'] } });
    await publishEvent(a, missed);
    await eventually(async () => ((await a.dataSource.query('SELECT 1 FROM notifications WHERE event_id = $1', [missed.event_id])) as unknown[]).length || undefined, 10_000, 'the missed notification');
    const reconnected = await openLiveStream(b, { token, headers: { 'last-event-id': seen.id } });
    const [replayed] = await reconnected.waitForEvents(1);
    expect(replayed.data.summary).toBe('while away');
    reconnected.close();
  });
});

describe('notification-service in production', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('live_prod');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'fatal' });
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('has no dev pushes (404 for POST /notifications/trigger and /notifications/sse), while the stream answers', async () => {
    const token = app.token({ sub: 'u_ana', tenant_id: TENANT, scope: ['notifications:read', 'notifications:publish'] });
    for (const path of ['trigger', 'sse']) {
      const res = await fetch(`${app.url}/api/v1/notifications/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'chats', title: 'x' }),
      });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const stream = await openLiveStream(app, { token });
    expect(stream.status).toBe(200);
    stream.close();
  });
});
