// A tenant's alert rule, end to end (SPEC §7, §9): the management API accepts the rule set
// (202 with its version) and sends it as an `alert_rules.replace` command through its outbox;
// the notification service applies it; GET /alert-rules then shows that version, and the
// tenant's next revenue_impact goes where the rule says — another tenant's still to exec.
import { EventAcceptedMessage, eventRoutingKey, Exchanges } from '@herald/contracts';
import { MessagePublisher } from '@herald/platform/messaging';
import { createTestInfrastructure, eventMessage, eventually, seedTenant, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { startManagementApi, startNotificationService } from './stack';

const USERS = [
  { id: 'u_exec', roles: ['exec'] },
  { id: 'u_fin', roles: ['finance'] },
  { id: 'u_ops', roles: ['ops'] },
];

describe('alert rules across management and notifications', () => {
  let infra: TestInfrastructure;
  let management: TestApp;
  let notifications: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('alert_rules_e2e');
    management = await startManagementApi(infra);
    notifications = await startNotificationService(infra);
    await seedTenant(management.dataSource, 'tn_rules_a', USERS);
    await seedTenant(management.dataSource, 'tn_rules_b', USERS);
  });

  afterAll(async () => {
    await notifications?.close();
    await management?.close();
    await infra?.teardown();
  });

  const admin = (tenant: string) => ({ authorization: `Bearer ${management.token({ sub: 'u_admin', tenant_id: tenant, roles: ['admin'] })}`, 'content-type': 'application/json' });

  const routed = async (message: EventAcceptedMessage): Promise<{ scope: string; title: string; recipients: string[] }> => {
    await notifications.app.get(MessagePublisher).publish({
      exchange: Exchanges.events,
      routingKey: eventRoutingKey(message.kind, message.type),
      body: message,
      headers: { event_id: message.event_id, tenant_id: message.tenant_id, request_id: 'alert-rules-e2e', attempt: 1, traceparent: '' },
    });
    return eventually(
      async () => {
        const rows: Array<{ scope: string; title: string; recipients: string[] }> = await notifications.dataSource.query(
          `SELECT n.scope, n.title, array_agg(r.user_id ORDER BY r.user_id) AS recipients
             FROM notifications n JOIN notification_recipients r ON r.notification_id = n.id
            WHERE n.tenant_id = $1 AND n.event_id = $2 GROUP BY n.scope, n.title`,
          [message.tenant_id, message.event_id],
        );
        return rows[0];
      },
      20_000,
      'the notification',
    );
  };
  const revenue = (tenant: string) =>
    eventMessage({ tenant_id: tenant, type: 'revenue_impact', payload: { impact_amount: -900, impact_type: 'churn_risk', currency: 'USD', severity: 'high' } });

  it('applies a PUT in the notification service and routes that tenant’s events by it, only that tenant’s', async () => {
    const rule = { event_type: 'revenue_impact', severities: ['high'], scope: 'finance', roles: ['finance'], title: 'At risk: {{impact_amount}} {{currency}}' };
    const res = await fetch(`${management.url}/api/v1/alert-rules`, { method: 'PUT', headers: admin('tn_rules_a'), body: JSON.stringify({ rules: [rule] }) });
    expect(res.status).toBe(202);
    const { data } = (await res.json()) as { data: { version: number; status: string } };
    expect(data.status).toBe('pending');

    const applied = await eventually(
      async () => {
        const view = (await (await fetch(`${management.url}/api/v1/alert-rules`, { headers: admin('tn_rules_a') })).json()) as { data: { version: number; rules: unknown[] } };
        return view.data.version >= data.version ? view.data : undefined;
      },
      20_000,
      'the rule set applied',
    );
    expect(applied).toMatchObject({ version: data.version, rules: [expect.objectContaining({ event_type: 'revenue_impact', scope: 'finance', roles: ['finance'] })] });

    expect(await routed(revenue('tn_rules_a'))).toEqual({ scope: 'finance', title: 'At risk: -900 USD', recipients: ['u_fin'] });
    expect(await routed(revenue('tn_rules_b'))).toEqual({ scope: 'exec', title: 'Revenue impact', recipients: ['u_exec', 'u_fin'] });
  });
});
