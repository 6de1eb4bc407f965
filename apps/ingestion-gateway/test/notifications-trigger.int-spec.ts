// POST /api/v1/notifications against real Postgres, RabbitMQ and Redis: a trigger with known
// recipients is stored as a `notification` event of the caller's tenant and published as `notification.<type>`;
// recipients are checked before anything is stored (unknown user, another tenant's user, no
// scope, malformed rules are 422 naming the path), as are type and payload; auth as usual.
import { Exchanges } from '@herald/contracts';
import {
  countMessages,
  createTestInfrastructure,
  eventually,
  MessageCounter,
  seedApiKey,
  seedTenant,
  startTestApp,
  TestApp,
  TestInfrastructure,
} from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const TENANT = 'tn_triggers';
const OTHER_TENANT = 'tn_triggers_other';
const TRIGGER = { type: 'content.approved', source: 'cms', payload: { content_id: 'post-42' } };

type ErrorBody = { success: false; error: { code: string; details: { errors?: Array<{ path: string }> } } };

describe('ingestion-gateway POST /api/v1/notifications', () => {
  let infra: TestInfrastructure;
  let gw: TestApp;
  let token: string;
  let counter: MessageCounter;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway_triggers');
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(gw.dataSource, TENANT, [{ id: 'u_ana', roles: ['ops'] }, { id: 'u_ben' }]);
    await seedTenant(gw.dataSource, OTHER_TENANT, [{ id: 'u_foreign' }]);
    token = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['notifications:publish'] });
    counter = await countMessages(infra, Exchanges.events, 'notification.#');
  });

  afterAll(async () => {
    await counter?.close();
    await gw?.close();
    await infra?.teardown();
  });

  const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    fetch(`${gw.url}/api/v1/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const errorPaths = async (res: Response) => ((await res.json()) as ErrorBody).error.details.errors?.map((e) => e.path);
  const eventCount = async () => Number((await gw.dataSource.query('SELECT count(*) AS n FROM events WHERE tenant_id = $1', [TENANT]))[0].n);

  it('answers 202, stores a notification event of the tenant with its recipients, and publishes it as notification.<type>', async () => {
    const recipients = { users: ['u_ana', 'u_ben'], roles: ['exec'], rules: [{ field: 'attributes.region', op: 'in', value: ['eu', 'us'] }] };
    const res = await post({ ...TRIGGER, recipients, customer_id: 'cus_7' });
    expect(res.status).toBe(202);
    const { data } = (await res.json()) as { data: { notification_event_id: string; status: string } };
    expect(data.status).toBe('accepted');
    const [row] = await gw.dataSource.query(
      'SELECT tenant_id, kind, type, source, payload, recipients, customer_id FROM events WHERE id = $1',
      [data.notification_event_id],
    );
    expect(row).toEqual({ tenant_id: TENANT, kind: 'notification', type: 'content.approved', source: 'cms', payload: TRIGGER.payload, recipients, customer_id: 'cus_7' });
    const outbox = await gw.dataSource.query('SELECT 1 FROM outbox WHERE event_id = $1', [data.notification_event_id]);
    expect(outbox).toHaveLength(1);
    const published = await eventually(async () => counter.received.get(data.notification_event_id), 5000, 'the trigger on herald.events');
    expect(published.routingKey).toBe('notification.content.approved');
  });

  it('accepts an API key with notifications:publish, for its own tenant', async () => {
    const { key } = await seedApiKey(gw.dataSource, TENANT, { scopes: ['notifications:publish'] });
    const res = await post({ ...TRIGGER, recipients: { users: ['u_ben'] } }, { 'x-api-key': key });
    expect(res.status).toBe(202);
    const { data } = (await res.json()) as { data: { notification_event_id: string } };
    const [row] = await gw.dataSource.query('SELECT tenant_id, kind FROM events WHERE id = $1', [data.notification_event_id]);
    expect(row).toEqual({ tenant_id: TENANT, kind: 'notification' });
  });

  it('returns 422 naming recipients.users[i] for an unknown user and for a user of another tenant, storing nothing', async () => {
    const before = await eventCount();
    const unknown = await post({ ...TRIGGER, recipients: { users: ['u_ana', 'u_nobody'] } });
    expect(unknown.status).toBe(422);
    expect(await errorPaths(unknown)).toEqual(['recipients.users[1]']);
    const foreign = await post({ ...TRIGGER, recipients: { users: ['u_foreign'] } });
    expect(foreign.status).toBe(422);
    expect(await errorPaths(foreign)).toEqual(['recipients.users[0]']);
    expect(await eventCount()).toBe(before);
  });

  it.each([
    ['no recipients', 'recipients', undefined],
    ['an empty scope object', 'recipients', {}],
    ['only empty scopes', 'recipients', { users: [], roles: [] }],
    ['an empty role', 'recipients.roles[0]', { roles: [''] }],
    ['a group that is not a string', 'recipients.groups[0]', { groups: [7] }],
    ['a rule on an unknown field', 'recipients.rules[0].field', { rules: [{ field: 'email', op: 'eq', value: 'x' }] }],
    ['a rule with an unknown op', 'recipients.rules[0].op', { rules: [{ field: 'roles', op: 'like', value: 'ops' }] }],
    ['an "in" rule without an array', 'recipients.rules[0].value', { rules: [{ field: 'groups', op: 'in', value: 'eng' }] }],
    ['a rule without a value', 'recipients.rules[0].value', { roles: ['ops'], rules: [{ field: 'attributes.tier', op: 'eq' }] }],
  ])('returns 422 for %s, naming %s', async (_case, path, recipients) => {
    const res = await post({ ...TRIGGER, ...(recipients === undefined ? {} : { recipients }) });
    expect(res.status).toBe(422);
    expect(await errorPaths(res)).toContain(path);
  });

  it('returns 422 for an unknown type and for a payload that fails its schema', async () => {
    const recipients = { users: ['u_ana'] };
    const type = await post({ ...TRIGGER, type: 'no.such.type', recipients });
    expect(type.status).toBe(422);
    expect(await errorPaths(type)).toEqual(['type']);
    const payload = await post({ ...TRIGGER, payload: {}, recipients });
    expect(payload.status).toBe(422);
    expect(await errorPaths(payload)).toContain('payload.content_id');
  });

  it('returns 400 for a body that is not JSON or not an object, and for recipients of the wrong type', async () => {
    for (const body of ['{"type": ', '[1]', '"text"']) expect((await post(body)).status).toBe(400);
    const scalar = await post({ ...TRIGGER, recipients: 'everyone' });
    expect(scalar.status).toBe(400);
    expect(await errorPaths(scalar)).toEqual(['recipients']);
    const users = await post({ ...TRIGGER, recipients: { users: 'u_ana' } });
    expect(users.status).toBe(400);
    expect(await errorPaths(users)).toEqual(['recipients.users']);
  });

  it('returns 401 without a token, 403 without notifications:publish, 403 for another tenant_id', async () => {
    const body = { ...TRIGGER, recipients: { users: ['u_ana'] } };
    expect((await post(body, {})).status).toBe(401);
    const publisher = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish'] });
    const scope = await post(body, { authorization: `Bearer ${publisher}` });
    expect(scope.status).toBe(403);
    expect(((await scope.json()) as ErrorBody).error.code).toBe('INSUFFICIENT_PERMISSIONS');
    const other = await post({ ...body, tenant_id: OTHER_TENANT });
    expect(other.status).toBe(403);
    expect(((await other.json()) as ErrorBody).error.code).toBe('INSUFFICIENT_PERMISSIONS');
  });
});
