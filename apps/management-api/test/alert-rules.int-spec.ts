// GET/PUT /alert-rules (SPEC §9): the tenant's overrides of the default alert routing. PUT
// validates (catalog types, scopes, severities, roles → 422 naming the field; 64 KiB → 413),
// audits, and sends the set to the notification service (its owner) as an
// `alert_rules.replace` command through management_outbox — 202 with the version; GET shows
// what the owner has applied, beside the defaults. Here the test plays the owner (it applies
// a command by writing the owner's tables); e2e/test/alert-rules.int-spec.ts runs the real one.
import { AlertRule, AlertRulesReplaceMessage, Exchanges } from '@herald/contracts';
import type { AlertRulesAccepted, AlertRulesView } from '@herald/management';
import { countMessages, eventually, MessageCounter, seedApiKey, seedTenant, TestApp } from '@herald/platform/testing';
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
  let commands: MessageCounter;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;

  beforeAll(async () => {
    suite = await startManagementApi('management_alert_rules');
    app = suite.app;
    commands = await countMessages(suite.infra, Exchanges.reports, 'alert_rules.replace');
    await seedTenant(app.dataSource, 'tn_a', []);
    await seedTenant(app.dataSource, 'tn_b', []);
    [adminA, adminB] = [adminOf(app, 'tn_a'), adminOf(app, 'tn_b')];
  });

  afterAll(async () => {
    await commands?.close();
    await suite?.close();
  });

  const put = (auth: Record<string, string>, body: unknown) => call<AlertRulesAccepted>(app, 'PUT', '/alert-rules', auth, body);
  const get = (auth: Record<string, string>) => call<AlertRulesView>(app, 'GET', '/alert-rules', auth);
  /** The command the PUT of `version` sent, off the broker. */
  const commandOf = (version: number) =>
    eventually(
      async () => [...commands.bodies.values()].map((b) => b as AlertRulesReplaceMessage).find((c) => c.version === version),
      20_000,
      `the alert_rules.replace command v${version}`,
    );
  /** What the notification service does with a command, reduced to its effect on the tables GET reads. */
  const applyAsOwner = async (command: AlertRulesReplaceMessage): Promise<void> => {
    await app.dataSource.query(
      `INSERT INTO alert_rule_sets (tenant_id, version, requested_by, request_id, requested_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version`,
      [command.tenant_id, command.version, command.requested_by, command.request_id, command.requested_at],
    );
    await app.dataSource.query('DELETE FROM alert_rules WHERE tenant_id = $1', [command.tenant_id]);
    for (const [position, r] of command.rules.entries()) {
      await app.dataSource.query(
        `INSERT INTO alert_rules (tenant_id, position, event_type, severities, scope, roles, title, summary, actions, enabled)
         VALUES ($1, $2, $3, $4::text[], $5, $6::text[], $7, $8, $9::jsonb, $10)`,
        [command.tenant_id, position, r.event_type, r.severities, r.scope, r.roles, r.title, r.summary, JSON.stringify(r.actions), r.enabled],
      );
    }
  };
  /** PUT, then the owner applies what it was sent; returns the GET that follows. */
  const putApplied = async (auth: Record<string, string>, body: unknown): Promise<AlertRulesView> => {
    const res = await put(auth, body);
    expect(res.status).toBe(202);
    await applyAsOwner(await commandOf(res.body.data.version));
    return (await get(auth)).body.data;
  };

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

  it('accepts a rule set (202, its version), audits it, sends it to the owner, and GET shows it only once applied', async () => {
    const res = await put({ ...adminA, 'x-request-id': 'req-alert-rules' }, { rules: [{ ...RULE, roles: ['finance', 'exec', 'finance'] }, { event_type: 'email_deliverability', scope: 'ops', roles: ['ops'] }] });
    expect(res.status).toBe(202);
    const { version } = res.body.data;
    const stored = [RULE, { event_type: 'email_deliverability', severities: null, scope: 'ops', roles: ['ops'], title: null, summary: null, actions: [], enabled: true }];
    expect(res.body.data).toEqual({ version: expect.any(Number), status: 'pending', rules: stored });
    expect(await auditOf(app, 'alert_rules', 'tn_a')).toContainEqual(
      expect.objectContaining({ tenant_id: 'tn_a', request_id: 'req-alert-rules', actor: 'user:u_admin', action: 'alert_rules.replaced', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    );
    const command = await commandOf(version);
    expect(command).toEqual({
      contract_version: 1,
      tenant_id: 'tn_a',
      version,
      rules: stored,
      requested_by: 'user:u_admin',
      requested_at: expect.any(String),
      request_id: 'req-alert-rules',
    });
    // not applied yet: GET says what is in effect, not what was asked
    expect((await get(adminA)).body.data).toMatchObject({ version: 0, rules: [] });
    await applyAsOwner(command);
    expect((await get(adminA)).body.data).toMatchObject({ version, applied_at: expect.any(String), rules: stored });
  });

  it('numbers PUTs in order, and keeps tenants apart: B sees none of A’s rules; another tenant_id in the body is 403', async () => {
    const a = await putApplied(adminA, { rules: [RULE] });
    expect(a.rules).toEqual([RULE]);
    expect((await get(adminB)).body.data).toMatchObject({ version: 0, rules: [] });
    const b = await putApplied(adminB, { rules: [{ ...RULE, scope: 'security', roles: ['security'] }] });
    expect(b.version).toBeGreaterThan(a.version);
    expect(b.rules).toEqual([{ ...RULE, scope: 'security', roles: ['security'] }]);
    expect((await get(adminA)).body.data).toMatchObject({ version: a.version, rules: [RULE] });
    const other = await put(adminB, { tenant_id: 'tn_a', rules: [] });
    expect([other.status, other.body.error.code]).toEqual([403, 'INSUFFICIENT_PERMISSIONS']);
    const own = await putApplied(adminB, { tenant_id: 'tn_b', rules: [] });
    expect(own.rules).toEqual([]);
    expect((await get(adminA)).body.data.rules).toEqual([RULE]);
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
