// GET/PUT /alert-rules (SPEC §9): the tenant's overrides of the default alert routing. PUT
// validates (catalog types, scopes, severities, roles → 422 naming the field; 64 KiB → 413),
// audits, and sends the set to the notification service (its owner) through management_outbox
// — 202 with the version; GET shows what the notification service has applied, beside the
// defaults. A notification service runs on the same database and broker, as in production.
import { AlertRule, Exchanges } from '@herald/contracts';
import type { AlertRulesAccepted, AlertRulesView } from '@herald/management';
import { NOTIFICATION_SERVICE_DEFAULTS, NotificationServiceAppModule } from '@herald/notifications';
import { countMessages, eventually, MessageCounter, seedApiKey, seedTenant, startTestApp, TestApp } from '@herald/platform/testing';
import { adminOf, auditOf, bearer, call, errorPaths, ManagementSuite, startManagementApi } from './management-client';

const RULE: AlertRule = {
  event_type: 'revenue_impact',
  severities: ['high', 'critical'],
  scope: 'finance',
  roles: ['finance', 'exec'],
  title: 'Revenue at risk: {{impact_amount}}',
  summary: null,
  actions: [{ label: 'Open', url: '/finance?event={{event_id}}' }],
  enabled: true,
};

describe('alert-rule routes', () => {
  let suite: ManagementSuite;
  let app: TestApp;
  let notifications: TestApp;
  let commands: MessageCounter;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;

  beforeAll(async () => {
    suite = await startManagementApi('management_alert_rules');
    app = suite.app;
    notifications = await startTestApp(NOTIFICATION_SERVICE_DEFAULTS, (c, logger) => NotificationServiceAppModule.forRoot(c, logger), suite.infra);
    commands = await countMessages(suite.infra, Exchanges.reports, 'alert_rules.replace');
    await seedTenant(app.dataSource, 'tn_a', []);
    await seedTenant(app.dataSource, 'tn_b', []);
    [adminA, adminB] = [adminOf(app, 'tn_a'), adminOf(app, 'tn_b')];
  });

  afterAll(async () => {
    await commands?.close();
    await notifications?.close();
    await suite?.close();
  });

  const put = (auth: Record<string, string>, body: unknown) => call<AlertRulesAccepted>(app, 'PUT', '/alert-rules', auth, body);
  const get = (auth: Record<string, string>) => call<AlertRulesView>(app, 'GET', '/alert-rules', auth);
  const appliedAt = (auth: Record<string, string>, version: number) =>
    eventually(async () => {
      const res = await get(auth);
      return res.body.data.version >= version ? res.body.data : undefined;
    }, 20_000, `alert rules v${version}`);

  it('shows no overrides before any PUT, with the defaults declared beside each type', async () => {
    const res = await get(adminA);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ version: 0, applied_at: null, rules: [] });
    expect(res.body.data.defaults).toEqual(
      expect.arrayContaining([
        { event_type: 'revenue_impact', scope: 'exec', roles: ['exec', 'finance'], title: 'Revenue impact' },
        { event_type: 'email_deliverability', scope: 'ops', roles: ['ops', 'support'], title: 'Email deliverability' },
      ]),
    );
  });

  it('accepts a rule set (202, its version), audits it, and GET shows it once the notification service has applied it', async () => {
    const res = await put({ ...adminA, 'x-request-id': 'req-alert-rules' }, { rules: [{ ...RULE, roles: ['finance', 'exec', 'finance'] }, { event_type: 'email_deliverability', scope: 'ops', roles: ['ops'] }] });
    expect(res.status).toBe(202);
    const { version } = res.body.data;
    const stored = [RULE, { event_type: 'email_deliverability', severities: null, scope: 'ops', roles: ['ops'], title: null, summary: null, actions: [], enabled: true }];
    expect(res.body.data).toEqual({ version: expect.any(Number), status: 'pending', rules: stored });
    expect(await auditOf(app, 'alert_rules', 'tn_a')).toContainEqual(
      expect.objectContaining({ tenant_id: 'tn_a', request_id: 'req-alert-rules', actor: 'user:u_admin', action: 'alert_rules.replaced', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    );
    const applied = await appliedAt(adminA, version);
    expect(applied).toMatchObject({ version, applied_at: expect.any(String), rules: stored });
    // the command went over the broker, to the owner of the rules
    expect([...commands.bodies.values()]).toContainEqual(expect.objectContaining({ tenant_id: 'tn_a', version, rules: stored }));
  });

  it('keeps tenants apart: B sees none of A’s rules, and B’s PUT leaves A’s alone', async () => {
    const a = await put(adminA, { rules: [RULE] });
    await appliedAt(adminA, a.body.data.version);
    expect((await get(adminB)).body.data).toMatchObject({ version: 0, rules: [] });
    const b = await put(adminB, { rules: [{ ...RULE, scope: 'security', roles: ['security'] }] });
    expect(b.status).toBe(202);
    expect((await appliedAt(adminB, b.body.data.version)).rules).toEqual([{ ...RULE, scope: 'security', roles: ['security'] }]);
    expect((await get(adminA)).body.data).toMatchObject({ version: a.body.data.version, rules: [RULE] });
    // another tenant's id in the body is refused; the caller's own is fine
    const other = await put(adminB, { tenant_id: 'tn_a', rules: [] });
    expect([other.status, other.body.error.code]).toEqual([403, 'INSUFFICIENT_PERMISSIONS']);
    const own = await put(adminB, { tenant_id: 'tn_b', rules: [] });
    expect(own.status).toBe(202);
    expect((await appliedAt(adminB, own.body.data.version)).rules).toEqual([]);
    expect((await get(adminA)).body.data.rules).toEqual([RULE]);
  });

  it('applies the last of several PUTs, and [] removes every override', async () => {
    const first = await put(adminA, { rules: [RULE] });
    const second = await put(adminA, { rules: [{ ...RULE, scope: 'ops' }] });
    expect(second.body.data.version).toBeGreaterThan(first.body.data.version);
    expect((await appliedAt(adminA, second.body.data.version)).rules).toEqual([{ ...RULE, scope: 'ops' }]);
    const cleared = await put(adminA, { rules: [] });
    expect((await appliedAt(adminA, cleared.body.data.version)).rules).toEqual([]);
  });

  it('answers 422 naming each bad field: type, scope, severity, role, title, action URL, count; a refused set is neither audited nor sent', async () => {
    const audited = (await auditOf(app, 'alert_rules', 'tn_a')).length;
    const res = await put(adminA, {
      rules: [
        { ...RULE, event_type: 'no.such_type' },
        { ...RULE, scope: 'marketing' },
        { ...RULE, severities: ['high', 'urgent'] },
        { ...RULE, roles: ['finance', 'ceo'] },
        { ...RULE, roles: [] },
        { ...RULE, severities: [] },
        { ...RULE, title: 'x'.repeat(201) },
        { ...RULE, actions: [{ label: 'Go', url: 'javascript:alert(1)' }] },
      ],
    });
    expect([res.status, res.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
    expect(errorPaths(res)).toEqual([
      'rules[0].event_type',
      'rules[1].scope',
      'rules[2].severities[1]',
      'rules[3].roles[1]',
      'rules[4].roles',
      'rules[5].severities',
      'rules[6].title',
      'rules[7].actions[0].url',
    ]);
    const many = await put(adminA, { rules: Array.from({ length: 101 }, () => ({ event_type: 'revenue_impact', scope: 'exec', roles: ['exec'] })) });
    expect([many.status, errorPaths(many)]).toEqual([422, ['rules']]);
    const shape = await put(adminA, { rules: 'all' });
    expect([shape.status, [...new Set(errorPaths(shape))]]).toEqual([400, ['rules']]);
    expect(await auditOf(app, 'alert_rules', 'tn_a')).toHaveLength(audited);
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const res = await put(adminA, { rules: [{ ...RULE, summary: 'x'.repeat(70 * 1024) }] });
    expect([res.status, res.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('answers 401 without credentials and 403 without alerts:manage or the admin role; the scope alone suffices', async () => {
    for (const [method, body] of [['GET', undefined], ['PUT', { rules: [] }]] as const) {
      const noAuth = await call(app, method, '/alert-rules', {}, body);
      expect([method, noAuth.status, noAuth.body.error.code]).toEqual([method, 401, 'AUTHENTICATION_REQUIRED']);
      const ops = bearer(app.token({ sub: 'u_ops', tenant_id: 'tn_a', roles: ['ops'], scope: ['webhooks:manage'] }));
      const publisher = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['events:publish', 'webhooks:manage'] });
      for (const auth of [ops, { 'x-api-key': publisher.key }]) {
        const res = await call(app, method, '/alert-rules', auth, body);
        expect([method, res.status, res.body.error.code]).toEqual([method, 403, 'INSUFFICIENT_PERMISSIONS']);
      }
    }
    const manager = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['alerts:manage'] });
    expect((await put({ 'x-api-key': manager.key }, { rules: [] })).status).toBe(202);
    const scoped = bearer(app.token({ sub: 'u_dev', tenant_id: 'tn_a', scope: ['alerts:manage'] }));
    expect((await get(scoped)).status).toBe(200);
  });
});
