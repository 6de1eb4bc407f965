// Walking skeleton (issue 2): POST /internal/events → event + outbox in one transaction →
// relay publishes with confirms → notification-service consumes → the recipient's feed.
// Both apps reach RabbitMQ through a TCP proxy, so a test can cut the broker away wherever
// it runs (local daemon or testcontainers).
import { createTestInfrastructure, eventually, startTcpProxy, TcpProxy, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { DEMO_TENANT_ID, seedDemo, startGateway, startNotificationService } from './stack';

const revenueEvent = (n: number) => ({
  type: 'revenue_impact',
  source: 'billing',
  timestamp: new Date().toISOString(),
  payload: { impact_amount: 1000 + n, impact_type: 'increase', currency: 'USD', summary: `deal ${n}`, severity: 'medium' },
});

describe('walking skeleton: gateway → outbox → relay → broker → notification-service → feed', () => {
  let infra: TestInfrastructure;
  let broker: TcpProxy;
  let gateway: TestApp;
  let notifications: TestApp;
  let publisherToken: string;
  let execToken: string;

  beforeAll(async () => {
    infra = await createTestInfrastructure('skeleton');
    broker = await startTcpProxy(infra.amqpUrl);
    gateway = await startGateway(infra, { AMQP_URL: broker.url });
    notifications = await startNotificationService(infra, { AMQP_URL: broker.url });
    await seedDemo(gateway.dataSource);
    publisherToken = gateway.token({ sub: 'svc_billing', tenant_id: DEMO_TENANT_ID, scope: ['events:publish'] });
    execToken = notifications.token({ sub: 'u_exec', tenant_id: DEMO_TENANT_ID, roles: ['exec'], scope: ['notifications:read'] });
  });

  afterAll(async () => {
    await gateway?.close();
    await notifications?.close();
    await broker?.close();
    await infra?.teardown();
  });

  const publish = (body: unknown, token = publisherToken) =>
    fetch(`${gateway.url}/api/v1/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'skeleton-req-1' },
      body: JSON.stringify(body),
    });

  const feed = async (token = execToken) => {
    const res = await fetch(`${notifications.url}/api/v1/notifications?limit=100`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { success: boolean; data: Array<{ id: string; type: string; summary: string; read: boolean }> };
  };

  it('shows an accepted event in the recipient feed within a second', async () => {
    const started = Date.now();
    const res = await publish(revenueEvent(1));
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe('skeleton-req-1');
    const body = (await res.json()) as { data: { event_id: string } };
    expect(body).toMatchObject({ success: true, data: { queued: true }, meta: { request_id: 'skeleton-req-1' } });
    const eventId: string = body.data.event_id;

    const [stored] = await gateway.dataSource.query('SELECT tenant_id, type FROM events WHERE id = $1', [eventId]);
    expect(stored).toEqual({ tenant_id: DEMO_TENANT_ID, type: 'revenue_impact' });
    // the event store holds no status: progress is recorded by the contexts doing the work
    const statusColumn = await gateway.dataSource.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'status'`,
    );
    expect(statusColumn).toEqual([]);

    const item = await eventually(async () => (await feed()).data.find((n) => n.summary === 'deal 1'), 3000, 'feed item');
    const elapsed = Date.now() - started;
    expect(item).toMatchObject({ type: 'revenue_impact', read: false });
    expect(elapsed).toBeLessThan(1000);

    const rows = await notifications.dataSource.query(
      `SELECT n.event_id, r.user_id FROM notifications n JOIN notification_recipients r ON r.notification_id = n.id
       WHERE n.event_id = $1 ORDER BY r.user_id`,
      [eventId],
    );
    // revenue_impact routes to exec and finance roles: u_admin (admin+exec), u_exec, u_finance
    expect(rows.map((r: { user_id: string }) => r.user_id)).toEqual(['u_admin', 'u_exec', 'u_finance']);
    const outbox = await eventually(async () => {
      const [{ count }] = await gateway.dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE event_id = $1', [eventId]);
      return count === 0 ? count : undefined;
    }, 3000, 'outbox row removed after confirm');
    expect(outbox).toBe(0);
  });

  it('does not show the event to a user outside its routing, nor to another tenant', async () => {
    const opsToken = notifications.token({ sub: 'u_ops', tenant_id: DEMO_TENANT_ID, roles: ['ops'] });
    expect((await feed(opsToken)).data.some((n) => n.type === 'revenue_impact')).toBe(false);
    const otherTenant = notifications.token({ sub: 'u_exec', tenant_id: 'tn_other', roles: ['exec'] });
    expect((await feed(otherTenant)).data).toEqual([]);
  });

  it('delivers every accepted event while the broker drops the apps\' connections', async () => {
    const total = 60;
    const accepted: string[] = [];
    const publishing = (async () => {
      for (let i = 0; i < total; i++) {
        const res = await publish(revenueEvent(100 + i));
        if (res.status === 202) accepted.push(((await res.json()) as { data: { event_id: string } }).data.event_id);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    broker.cut();
    await new Promise((r) => setTimeout(r, 1000));
    broker.restore();
    await publishing;
    expect(accepted.length).toBe(total);

    await eventually(
      async () => {
        const [{ count }] = await notifications.dataSource.query(
          'SELECT count(*)::int AS count FROM notifications WHERE event_id = ANY($1::uuid[])',
          [accepted],
        );
        return count === total ? count : undefined;
      },
      20000,
      `all ${total} notifications after the broker was cut off for a second`,
    );
    const [{ dupes }] = await notifications.dataSource.query(
      'SELECT count(*)::int - count(DISTINCT event_id)::int AS dupes FROM notifications',
    );
    expect(dupes).toBe(0);
  });
});
