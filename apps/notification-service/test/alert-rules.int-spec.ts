// Alert routing (SPEC §7): an event's scope, recipient roles, title, summary and actions come
// from the tenant's own alert rules when one matches its type and severity, else from the
// default declared beside the type (revenue_impact → exec and finance; email_deliverability
// → ops and support). Rules arrive as `alert_rules.replace` commands on herald.reports (from
// the management API) and apply once per version: a redelivered or older command is ignored.
import { AlertRule, AlertRulesReplaceMessage, ALERT_RULES_REPLACE_ROUTING_KEY, EventAcceptedMessage, Exchanges, parseTenantId } from '@herald/contracts';
import { MessagePublisher } from '@herald/platform/messaging';
import { createTestInfrastructure, eventMessage, eventually, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent } from './feed-client';

const USERS = [
  { id: 'u_exec', roles: ['exec'] },
  { id: 'u_fin', roles: ['finance'] },
  { id: 'u_ops', roles: ['ops'] },
  { id: 'u_support', roles: ['support'] },
  { id: 'u_sec', roles: ['security'] },
];

interface Stored {
  scope: string;
  title: string;
  summary: string;
  actions: Array<{ label: string; url: string }>;
  recipients: string[];
}

describe('notification-service alert routing', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('ns_alert_rules');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(app.dataSource, 'tn_a', USERS);
    await seedTenant(app.dataSource, 'tn_b', USERS);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  /** Publishes the event and waits for its notification: scope, texts and who got it. */
  const routed = async (message: EventAcceptedMessage): Promise<Stored> => {
    await publishEvent(app, message);
    return eventually(
      async () => {
        const rows: Array<Omit<Stored, 'recipients'> & { id: string }> = await app.dataSource.query(
          'SELECT id, scope, title, summary, actions FROM notifications WHERE tenant_id = $1 AND event_id = $2',
          [message.tenant_id, message.event_id],
        );
        if (rows.length === 0) return undefined;
        const recipients: Array<{ user_id: string }> = await app.dataSource.query(
          'SELECT user_id FROM notification_recipients WHERE notification_id = $1 ORDER BY user_id',
          [rows[0].id],
        );
        const { id: _id, ...stored } = rows[0];
        return { ...stored, recipients: recipients.map((r) => r.user_id) };
      },
      20_000,
      `the notification of ${message.type}`,
    );
  };

  const revenue = (tenant: string, severity: string, extra: Record<string, unknown> = {}) =>
    eventMessage({ tenant_id: tenant, type: 'revenue_impact', payload: { impact_amount: -350, impact_type: 'deliverability_drop', currency: 'EUR', severity, ...extra } });

  let version = 0;
  const command = (tenant: string, rules: AlertRule[], at = ++version): AlertRulesReplaceMessage => ({
    contract_version: 1,
    tenant_id: parseTenantId(tenant),
    version: at,
    rules,
    requested_by: 'user:u_admin',
    requested_at: new Date().toISOString(),
    request_id: `req-${at}`,
  });
  const send = (message: AlertRulesReplaceMessage) =>
    app.app.get(MessagePublisher).publish({
      exchange: Exchanges.reports,
      routingKey: ALERT_RULES_REPLACE_ROUTING_KEY,
      body: message,
      messageType: 'alert_rules.replace',
      headers: { event_id: `rules-${message.version}`, tenant_id: message.tenant_id, request_id: message.request_id, attempt: 1, traceparent: '' },
    });
  const appliedVersion = async (tenant: string): Promise<number> =>
    Number((await app.dataSource.query('SELECT version FROM alert_rule_sets WHERE tenant_id = $1', [tenant]))[0]?.version ?? 0);
  const applied = (tenant: string, at: number) =>
    eventually(async () => ((await appliedVersion(tenant)) >= at ? true : undefined), 20_000, `alert rules v${at} of ${tenant}`);

  const FINANCE_RULE: AlertRule = {
    event_type: 'revenue_impact',
    severities: ['high', 'critical'],
    scope: 'finance',
    roles: ['finance'],
    title: 'Revenue at risk: {{impact_amount}} {{currency}}',
    summary: '{{impact_type}} ({{severity}})',
    actions: [{ label: 'Open', url: '/finance/revenue?event={{event_id}}&note={{impact_type}}' }],
    enabled: true,
  };

  it('routes a high revenue_impact to exec (exec and finance roles) and email_deliverability to ops (ops and support) by default', async () => {
    const high = await routed(revenue('tn_b', 'high'));
    expect(high).toMatchObject({ scope: 'exec', title: 'Revenue impact', actions: [], recipients: ['u_exec', 'u_fin'] });
    const email = await routed(
      eventMessage({ tenant_id: 'tn_b', type: 'email_deliverability', payload: { metric: 'bounce_rate', value: 0.08, threshold: 0.05, severity: 'high' } }),
    );
    expect(email).toMatchObject({ scope: 'ops', title: 'Email deliverability', recipients: ['u_ops', 'u_support'] });
  });

  it("routes by a tenant's rule for that tenant only, by severity, with its templates and actions", async () => {
    const cmd = command('tn_a', [FINANCE_RULE]);
    await send(cmd);
    await applied('tn_a', cmd.version);

    const high = revenue('tn_a', 'high');
    expect(await routed(high)).toEqual({
      scope: 'finance',
      title: 'Revenue at risk: -350 EUR',
      summary: 'deliverability_drop (high)',
      actions: [{ label: 'Open', url: `/finance/revenue?event=${high.event_id}&note=deliverability_drop` }],
      recipients: ['u_fin'],
    });
    // a severity the rule does not name: the default
    expect(await routed(revenue('tn_a', 'low'))).toMatchObject({ scope: 'exec', title: 'Revenue impact', actions: [], recipients: ['u_exec', 'u_fin'] });
    // another tenant: the default
    expect(await routed(revenue('tn_b', 'high'))).toMatchObject({ scope: 'exec', recipients: ['u_exec', 'u_fin'] });
    // a payload's own title and summary still win over the templates
    expect(await routed(revenue('tn_a', 'critical', { title: 'Own title', summary: 'Own summary' }))).toMatchObject({
      scope: 'finance',
      title: 'Own title',
      summary: 'Own summary',
      recipients: ['u_fin'],
    });
  });

  it('takes the first enabled rule that matches, and a disabled rule is skipped', async () => {
    const cmd = command('tn_a', [
      { ...FINANCE_RULE, enabled: false },
      { ...FINANCE_RULE, severities: null, scope: 'security', roles: ['security', 'exec'], title: null, summary: null, actions: [] },
      { ...FINANCE_RULE, severities: null },
    ]);
    await send(cmd);
    await applied('tn_a', cmd.version);
    expect(await routed(revenue('tn_a', 'high'))).toMatchObject({ scope: 'security', title: 'Revenue impact', actions: [], recipients: ['u_exec', 'u_sec'] });
  });

  it('applies a version once: a redelivered or older command changes nothing; an empty set restores the defaults', async () => {
    const current = command('tn_a', [{ ...FINANCE_RULE, severities: null, scope: 'ops', roles: ['ops'] }]);
    await send(current);
    await applied('tn_a', current.version);
    const stale = command('tn_a', [FINANCE_RULE], current.version - 1);
    await send(stale);
    await send(current);
    // a later command proves the two before it were consumed (one queue, in order)
    const marker = command('tn_b', []);
    await send(marker);
    await applied('tn_b', marker.version);
    expect(await appliedVersion('tn_a')).toBe(current.version);
    expect(await routed(revenue('tn_a', 'high'))).toMatchObject({ scope: 'ops', recipients: ['u_ops'] });
    const rows: unknown[] = await app.dataSource.query('SELECT position FROM alert_rules WHERE tenant_id = $1', ['tn_a']);
    expect(rows).toHaveLength(1);

    const cleared = command('tn_a', []);
    await send(cleared);
    await applied('tn_a', cleared.version);
    expect(await routed(revenue('tn_a', 'high'))).toMatchObject({ scope: 'exec', recipients: ['u_exec', 'u_fin'] });
  });
});
