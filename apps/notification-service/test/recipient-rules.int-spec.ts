// Recipient resolution in SQL (SPEC §4, §7): named users, roles, groups and rules (`eq`, `in`,
// `contains` over `attributes.<name>`, `roles`, `groups`; `eq` on roles and groups is
// membership) are one query over the event's tenant; the result is de-duplicated; a named
// user of another tenant, or of none, is dropped (and logged), never notified.
import { Writable } from 'node:stream';
import { RecipientRule } from '@herald/contracts';
import { RecipientResolver } from '@herald/notifications';
import { createTestInfrastructure, eventMessage, eventually, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent } from './feed-client';

const TENANT = 'tn_rules';
const OTHER = 'tn_rules_other';

describe('notification-service recipient rules', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let resolver: RecipientResolver;
  const logLines: string[] = [];

  beforeAll(async () => {
    infra = await createTestInfrastructure('ns_recipient_rules');
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, { LOG_LEVEL: 'warn' }, { logDestination });
    resolver = app.app.get(RecipientResolver);
    await seedTenant(app.dataSource, TENANT, [
      { id: 'u_eu_gold', roles: ['ops'], groups: ['oncall', 'eu'], attributes: { region: 'eu', tier: 'gold', note: 'vip customer', tags: ['db', 'edge'], level: 3 } },
      { id: 'u_eu_silver', roles: ['support'], groups: ['eu'], attributes: { region: 'eu', tier: 'silver', note: 'regular', tags: ['web'], level: 1 } },
      { id: 'u_us_gold', roles: ['exec', 'finance'], groups: ['us'], attributes: { region: 'us', tier: 'gold', level: 3 } },
      { id: 'u_plain', roles: [], groups: [], attributes: {} },
      { id: 'u_nested', roles: ['ops'], groups: [], attributes: { region: { name: 'eu' } } },
    ]);
    // another tenant with users of the same ids and attributes: never among the recipients
    await seedTenant(app.dataSource, OTHER, [
      { id: 'u_eu_gold', roles: ['ops'], groups: ['eu'], attributes: { region: 'eu', tier: 'gold' } },
      { id: 'u_other_only', roles: ['ops', 'exec'], groups: ['eu', 'oncall'], attributes: { region: 'eu', tier: 'gold' } },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  const resolve = (recipients: Parameters<typeof eventMessage>[0]['recipients']) =>
    resolver.resolve(eventMessage({ tenant_id: TENANT, kind: 'notification', type: 'notification.alert', recipients }));
  const byRules = (...rules: RecipientRule[]) => resolve({ rules });

  it('eq: equality on an attribute (not a partial object), membership on roles and groups', async () => {
    expect(await byRules({ field: 'attributes.region', op: 'eq', value: 'eu' })).toEqual(['u_eu_gold', 'u_eu_silver']);
    expect(await byRules({ field: 'attributes.level', op: 'eq', value: 3 })).toEqual(['u_eu_gold', 'u_us_gold']);
    expect(await byRules({ field: 'attributes.level', op: 'eq', value: '3' })).toEqual([]);
    expect(await byRules({ field: 'roles', op: 'eq', value: 'finance' })).toEqual(['u_us_gold']);
    expect(await byRules({ field: 'groups', op: 'eq', value: 'eu' })).toEqual(['u_eu_gold', 'u_eu_silver']);
    expect(await byRules({ field: 'attributes.missing', op: 'eq', value: 'eu' })).toEqual([]);
  });

  it('in: one of the values (an array attribute holding one), overlap on roles and groups', async () => {
    expect(await byRules({ field: 'attributes.tier', op: 'in', value: ['gold', 'platinum'] })).toEqual(['u_eu_gold', 'u_us_gold']);
    expect(await byRules({ field: 'attributes.tags', op: 'in', value: ['web', 'none'] })).toEqual(['u_eu_silver']);
    expect(await byRules({ field: 'roles', op: 'in', value: ['support', 'exec'] })).toEqual(['u_eu_silver', 'u_us_gold']);
    expect(await byRules({ field: 'groups', op: 'in', value: ['us', 'oncall'] })).toEqual(['u_eu_gold', 'u_us_gold']);
  });

  it('contains: a substring of a string attribute, an element of an array attribute, membership on roles and groups', async () => {
    expect(await byRules({ field: 'attributes.note', op: 'contains', value: 'vip' })).toEqual(['u_eu_gold']);
    expect(await byRules({ field: 'attributes.note', op: 'contains', value: '%' })).toEqual([]);
    expect(await byRules({ field: 'attributes.tags', op: 'contains', value: 'edge' })).toEqual(['u_eu_gold']);
    expect(await byRules({ field: 'roles', op: 'contains', value: 'ops' })).toEqual(['u_eu_gold', 'u_nested']);
    expect(await byRules({ field: 'groups', op: 'contains', value: 'oncall' })).toEqual(['u_eu_gold']);
  });

  it('ANDs the rules, ORs them with users, roles and groups, de-duplicated and in the tenant only', async () => {
    expect(await byRules({ field: 'attributes.region', op: 'eq', value: 'eu' }, { field: 'attributes.tier', op: 'eq', value: 'gold' })).toEqual(['u_eu_gold']);
    expect(
      await resolve({
        users: ['u_plain', 'u_eu_gold'],
        roles: ['exec'],
        groups: ['eu'],
        rules: [{ field: 'attributes.tier', op: 'eq', value: 'gold' }],
      }),
    ).toEqual(['u_eu_gold', 'u_eu_silver', 'u_plain', 'u_us_gold']);
  });

  it("drops and logs named users of another tenant or of none; a value that reads as SQL is only a value", async () => {
    const users = await resolve({ users: ['u_other_only', 'u_ghost', 'u_plain'] });
    expect(users).toEqual(['u_plain']);
    const line = await eventually(async () => logLines.find((l) => l.includes('recipients dropped') && l.includes('u_ghost')), 5000, 'the log line');
    expect(JSON.parse(line)).toMatchObject({ tenant_id: TENANT, dropped_recipients: 2, user_ids: ['u_other_only', 'u_ghost'] });
    expect(await byRules({ field: 'attributes.region', op: 'eq', value: "eu' OR '1'='1" })).toEqual([]);
    expect(await byRules({ field: 'attributes.region', op: 'contains', value: "' OR 1=1 --" })).toEqual([]);
    expect((await app.dataSource.query('SELECT count(*)::int AS n FROM directory_users WHERE tenant_id = $1', [TENANT]))[0].n).toBe(5);
  });

  it('notifies exactly the resolved users of an event with mixed recipients, none of another tenant', async () => {
    const message = eventMessage({
      tenant_id: TENANT,
      kind: 'notification',
      type: 'notification.alert',
      payload: { title: 'Rules', summary: 'mixed scopes', severity: 'high' },
      recipients: { users: ['u_other_only', 'u_plain'], roles: ['finance'], rules: [{ field: 'groups', op: 'eq', value: 'eu' }, { field: 'attributes.tier', op: 'in', value: ['silver'] }] },
    });
    await publishEvent(app, message);
    const recipients = await eventually(async () => {
      const rows: Array<{ tenant_id: string; user_id: string }> = await app.dataSource.query(
        `SELECT n.tenant_id, r.user_id FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id WHERE n.event_id = $1 ORDER BY r.user_id`,
        [message.event_id],
      );
      return rows.length > 0 ? rows : undefined;
    }, 20_000, 'the notification');
    expect(recipients).toEqual([
      { tenant_id: TENANT, user_id: 'u_eu_silver' },
      { tenant_id: TENANT, user_id: 'u_plain' },
      { tenant_id: TENANT, user_id: 'u_us_gold' },
    ]);
  });
});
