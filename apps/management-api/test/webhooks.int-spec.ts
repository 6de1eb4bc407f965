// The tenant's webhook-subscription routes (SPEC §9): the `whsec_…` secret shown once and
// sealed at rest (SecretBox, bound to the subscription id), catalog event types and wildcards,
// rotation with a grace period, scope/role checks, tenant isolation (404), plan gating, and
// an audit entry per change.
import type { IssuedWebhookSubscription, WebhookSubscriptionView } from '@herald/management';
import { SecretBox } from '@herald/platform/secrets';
import { seedApiKey, seedTenant, startTestApp, TestApp } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { adminOf, auditOf, bearer, call, errorPaths, ManagementSuite, OPERATOR, startManagementApi } from './management-client';

type Subscription = WebhookSubscriptionView & Partial<Pick<IssuedWebhookSubscription, 'secret'>>;

const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32}$/;
const HOUR_MS = 3_600_000;

describe('webhook-subscription routes', () => {
  let suite: ManagementSuite;
  let app: TestApp;
  let box: SecretBox;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;

  beforeAll(async () => {
    suite = await startManagementApi('management_webhooks');
    app = suite.app;
    box = new SecretBox(app.config.webhookSecretsKey as Buffer);
    await seedTenant(app.dataSource, 'tn_a', [], 'scale');
    await seedTenant(app.dataSource, 'tn_b', [], 'enterprise');
    [adminA, adminB] = [adminOf(app, 'tn_a'), adminOf(app, 'tn_b')];
  });

  afterAll(() => suite?.close());

  const create = (auth: Record<string, string>, body: object) => call<Subscription>(app, 'POST', '/webhooks', auth, body);
  let serial = 0;
  const newSubscription = async (overrides: object = {}): Promise<Subscription> => {
    const res = await create(adminA, { url: `https://hooks.example.test/${++serial}`, event_types: ['lead.converted'], ...overrides });
    expect(res.status).toBe(201);
    return res.body.data;
  };
  const sealedOf = async (id: string): Promise<{ secret_sealed: string; previous_secret_sealed: string | null; previous_secret_expires_at: Date | null }> =>
    (await app.dataSource.query(`SELECT secret_sealed, previous_secret_sealed, previous_secret_expires_at FROM webhook_subscriptions WHERE id = $1`, [id]))[0];

  it('creates a subscription whose secret is shown once as whsec_… and opens with SecretBox for its id; audits it', async () => {
    const res = await create({ ...adminA, 'x-request-id': 'req-create-sub' }, { url: 'http://localhost:9000/hook', event_types: ['lead.converted', 'content.*'], description: 'CRM' });
    expect(res.status).toBe(201);
    const { secret, ...shown } = res.body.data;
    expect(shown).toEqual({
      id: expect.any(String),
      url: 'http://localhost:9000/hook',
      description: 'CRM',
      event_types: ['lead.converted', 'content.*'],
      enabled: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      previous_secret_expires_at: null,
      endpoint_disabled: null,
    });
    expect(secret).toMatch(SECRET_PATTERN);
    const row = await sealedOf(shown.id);
    expect(row.secret_sealed).not.toContain(secret);
    expect(box.open(shown.id, row.secret_sealed)).toBe(secret);
    expect(await auditOf(app, 'webhook_subscription', shown.id)).toEqual([
      expect.objectContaining({ tenant_id: 'tn_a', request_id: 'req-create-sub', actor: 'user:u_admin', action: 'webhook_subscription.created', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
  });

  it('never shows the secret again: list (paged) and get', async () => {
    const made = await newSubscription();
    const list = await call<Subscription[]>(app, 'GET', '/webhooks?page_size=1', adminA);
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ request_id: expect.any(String), page: 1, page_size: 1, total: expect.any(Number) });
    expect(list.body.data.map((s) => s.id)).toEqual([made.id]);
    const one = await call<Subscription>(app, 'GET', `/webhooks/${made.id}`, adminA);
    expect(one.body.data).toMatchObject({ id: made.id, url: made.url, event_types: ['lead.converted'], enabled: true });
    for (const body of [list.body, one.body]) {
      expect(JSON.stringify(body)).not.toContain((made.secret as string).slice('whsec_'.length));
      expect(JSON.stringify(body)).not.toMatch(/"(secret|secret_sealed|previous_secret_sealed)"/);
    }
  });

  it('answers 400 for a non-URL or an empty PATCH and 422 naming an unknown type and a wildcard no catalog type starts', async () => {
    const shapes = await create(adminA, { url: 'not a url', enabled: 'yes' });
    expect([shapes.status, new Set(errorPaths(shapes))]).toEqual([400, new Set(['url', 'enabled'])]);
    const ftp = await create(adminA, { url: 'ftp://files.example.test/x' });
    expect([ftp.status, errorPaths(ftp)]).toEqual([400, ['url']]);
    const meaning = await create(adminA, { url: 'https://hooks.example.test/x', event_types: ['lead.converted', 'lead.nope', 'con.*', 'sync.*', '*'] });
    expect([meaning.status, meaning.body.error.code, errorPaths(meaning)]).toEqual([422, 'VALIDATION_ERROR', ['event_types[1]', 'event_types[2]', 'event_types[4]']]);
    const made = await newSubscription();
    const patch = await call(app, 'PATCH', `/webhooks/${made.id}`, adminA, { event_types: ['review.*', 'reviews.*'] });
    expect([patch.status, errorPaths(patch)]).toEqual([422, ['event_types[1]']]);
    const empty = await call(app, 'PATCH', `/webhooks/${made.id}`, adminA, {});
    expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('patches url, filters, description and enabled, bumping updated_at; audits the change', async () => {
    const made = await newSubscription({ description: 'old' });
    const res = await call<Subscription>(app, 'PATCH', `/webhooks/${made.id}`, adminA, { enabled: false, event_types: ['sync.failed', 'message.*'], url: 'https://elsewhere.example.test/h' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: made.id, enabled: false, event_types: ['sync.failed', 'message.*'], url: 'https://elsewhere.example.test/h', description: 'old' });
    expect(new Date(res.body.data.updated_at).getTime()).toBeGreaterThan(new Date(made.updated_at).getTime());
    const cleared = await call<Subscription>(app, 'PATCH', `/webhooks/${made.id}`, adminA, { description: null });
    expect(cleared.body.data).toMatchObject({ description: null, enabled: false, event_types: ['sync.failed', 'message.*'] });
    expect((await call<Subscription>(app, 'GET', `/webhooks/${made.id}`, adminA)).body.data.enabled).toBe(false);
    expect((await auditOf(app, 'webhook_subscription', made.id)).map((a) => a.action)).toEqual(['webhook_subscription.created', 'webhook_subscription.updated', 'webhook_subscription.updated']);
  });

  it('rotates the secret: a new one shown once, the old one kept sealed with its grace (24 h by default or as asked)', async () => {
    const made = await newSubscription();
    const before = Date.now();
    const res = await call<Subscription>(app, 'POST', `/webhooks/${made.id}/rotate-secret`, adminA, {});
    expect(res.status).toBe(201);
    const secret = res.body.data.secret as string;
    expect(secret).toMatch(SECRET_PATTERN);
    expect(secret).not.toBe(made.secret);
    const row = await sealedOf(made.id);
    expect(box.open(made.id, row.secret_sealed)).toBe(secret);
    expect(box.open(made.id, row.previous_secret_sealed as string)).toBe(made.secret);
    const grace = (row.previous_secret_expires_at as Date).getTime() - before;
    expect(grace).toBeGreaterThanOrEqual(24 * HOUR_MS - 1000);
    expect(grace).toBeLessThan(24 * HOUR_MS + 60_000);
    expect(res.body.data.previous_secret_expires_at).toBe((row.previous_secret_expires_at as Date).toISOString());

    const short = await call<Subscription>(app, 'POST', `/webhooks/${made.id}/rotate-secret`, adminA, { grace_period_hours: 2 });
    const again = await sealedOf(made.id);
    expect(box.open(made.id, again.previous_secret_sealed as string)).toBe(secret);
    expect((again.previous_secret_expires_at as Date).getTime() - Date.now()).toBeLessThanOrEqual(2 * HOUR_MS);
    expect(box.open(made.id, again.secret_sealed)).toBe(short.body.data.secret);
    const tooLong = await call(app, 'POST', `/webhooks/${made.id}/rotate-secret`, adminA, { grace_period_hours: 1000 });
    expect([tooLong.status, errorPaths(tooLong)]).toEqual([400, ['grace_period_hours']]);
    expect((await auditOf(app, 'webhook_subscription', made.id)).map((a) => a.action)).toEqual([
      'webhook_subscription.created',
      'webhook_subscription.secret_rotated',
      'webhook_subscription.secret_rotated',
    ]);
  });

  it('deletes: 200 {id, deleted: true}, then 404; audited', async () => {
    const made = await newSubscription();
    const res = await call(app, 'DELETE', `/webhooks/${made.id}`, adminA);
    expect([res.status, res.body.data]).toEqual([200, { id: made.id, deleted: true }]);
    expect((await call(app, 'GET', `/webhooks/${made.id}`, adminA)).status).toBe(404);
    expect((await call(app, 'DELETE', `/webhooks/${made.id}`, adminA)).status).toBe(404);
    expect((await auditOf(app, 'webhook_subscription', made.id)).map((a) => a.action)).toEqual(['webhook_subscription.created', 'webhook_subscription.deleted']);
  });

  it("lists the subscription's deliveries newest first with their attempts, paged, and nobody else's", async () => {
    const made = await newSubscription();
    const other = await newSubscription();
    const seed = async (id: string, destination: string, status: string, minutesAgo: number, attempts: Array<[string, number | null]>) => {
      await app.dataSource.query(
        `INSERT INTO deliveries (id, tenant_id, event_id, channel, destination_key, job, request_id, status, attempts, next_attempt_at, created_at)
         VALUES ($1, 'tn_a', gen_random_uuid(), 'webhook', $2, '{}'::jsonb, 'r', $3, $4, CASE WHEN $3 IN ('pending', 'retrying') THEN now() END,
                 now() - make_interval(mins => $5))`,
        [id, destination, status, attempts.length, minutesAgo],
      );
      for (const [i, [outcome, code]] of attempts.entries()) {
        await app.dataSource.query(
          `INSERT INTO delivery_attempts (delivery_id, attempt, tenant_id, outcome, status_code, latency_ms, response_body) VALUES ($1, $2, 'tn_a', $3, $4, 12, 'ok')`,
          [id, i + 1, outcome, code],
        );
      }
    };
    await seed(`dlv-old-${made.id}`, `webhook_subscription:${made.id}`, 'succeeded', 10, [['retry', 503], ['success', 200]]);
    await seed(`dlv-new-${made.id}`, `webhook_subscription:${made.id}`, 'failed', 1, [['fail', 400]]);
    await seed(`dlv-${other.id}`, `webhook_subscription:${other.id}`, 'succeeded', 5, [['success', 200]]);

    type Listed = { id: string; status: string; attempts: Array<{ attempt: number; outcome: string; status_code: number | null }> };
    const page = await call<Listed[]>(app, 'GET', `/webhooks/${made.id}/deliveries`, adminA);
    expect(page.status).toBe(200);
    expect(page.body.data.map((d) => [d.id, d.status, d.attempts.map((a) => `${a.attempt}:${a.outcome}:${a.status_code}`)])).toEqual([
      [`dlv-new-${made.id}`, 'failed', ['1:fail:400']],
      [`dlv-old-${made.id}`, 'succeeded', ['1:retry:503', '2:success:200']],
    ]);
    expect(page.body.meta).toMatchObject({ page: 1, page_size: 20, total: 2 });
    const second = await call<Listed[]>(app, 'GET', `/webhooks/${made.id}/deliveries?page=2&page_size=1`, adminA);
    expect(second.body.data.map((d) => d.id)).toEqual([`dlv-old-${made.id}`]);
    expect((await call(app, 'GET', `/webhooks/${made.id}/deliveries`, adminB)).status).toBe(404);
    expect((await call(app, 'GET', `/webhooks/${made.id}/deliveries?page_size=500`, adminA)).status).toBe(400);
  });

  it("answers 404 for another tenant's subscription on every route, an unknown and a malformed id, and never lists it", async () => {
    const made = await newSubscription();
    const routes = [['GET', `/webhooks/${made.id}`], ['PATCH', `/webhooks/${made.id}`], ['POST', `/webhooks/${made.id}/rotate-secret`], ['DELETE', `/webhooks/${made.id}`]];
    for (const [method, path] of routes) {
      const res = await call(app, method, path, adminB, method === 'GET' || method === 'DELETE' ? undefined : { enabled: false });
      expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 404, 'RESOURCE_NOT_FOUND']);
    }
    for (const path of ['/webhooks/not-a-uuid', '/webhooks/00000000-0000-4000-8000-000000000000']) {
      expect((await call(app, 'GET', path, adminA)).status).toBe(404);
    }
    expect((await call<Subscription[]>(app, 'GET', '/webhooks?page_size=100', adminB)).body.data.map((s) => s.id)).not.toContain(made.id);
    expect(await sealedOf(made.id)).toMatchObject({ previous_secret_sealed: null });
    expect((await call<Subscription>(app, 'GET', `/webhooks/${made.id}`, adminA)).body.data.enabled).toBe(true);
  });

  it('answers 401 without credentials and 403 without webhooks:manage or the admin role; the scope alone suffices', async () => {
    const made = await newSubscription();
    const noAuth = await call(app, 'GET', '/webhooks');
    expect([noAuth.status, noAuth.body.error.code]).toEqual([401, 'AUTHENTICATION_REQUIRED']);
    const ops = bearer(app.token({ sub: 'u_ops', tenant_id: 'tn_a', roles: ['ops'], scope: ['events:publish'] }));
    const publisher = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['events:publish'] });
    const routes = [['GET', '/webhooks'], ['POST', '/webhooks'], ['GET', `/webhooks/${made.id}`], ['PATCH', `/webhooks/${made.id}`], ['POST', `/webhooks/${made.id}/rotate-secret`], ['DELETE', `/webhooks/${made.id}`]];
    for (const auth of [ops, { 'x-api-key': publisher.key }]) {
      for (const [method, path] of routes) {
        const res = await call(app, method, path, auth, method === 'POST' || method === 'PATCH' ? { url: 'https://x.example.test' } : undefined);
        expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 403, 'INSUFFICIENT_PERMISSIONS']);
      }
    }
    const manager = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['webhooks:manage'] });
    expect((await create({ 'x-api-key': manager.key }, { url: 'https://k.example.test/h' })).status).toBe(201);
    const scoped = bearer(app.token({ sub: 'u_dev', tenant_id: 'tn_a', scope: ['webhooks:manage'] }));
    expect((await call(app, 'GET', '/webhooks', scoped)).status).toBe(200);
  });

  it('needs the scale plan or above to create (403 PLAN_UPGRADE_REQUIRED); a downgraded tenant still lists, gets and deletes', async () => {
    await seedTenant(app.dataSource, 'tn_small', [], 'growth');
    const admin = adminOf(app, 'tn_small');
    const refused = await create(admin, { url: 'https://hooks.example.test/s' });
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([403, 'PLAN_UPGRADE_REQUIRED', { required_plan: 'scale', current_plan: 'growth' }]);
    expect((await call(app, 'PATCH', '/tenants/tn_small', OPERATOR, { plan: 'scale' })).status).toBe(200);
    const made = await create(admin, { url: 'https://hooks.example.test/s' });
    expect(made.status).toBe(201);
    expect((await call(app, 'PATCH', '/tenants/tn_small', OPERATOR, { plan: 'starter' })).status).toBe(200);
    const rotate = await call(app, 'POST', `/webhooks/${made.body.data.id}/rotate-secret`, admin, {});
    expect([rotate.status, rotate.body.error.code]).toEqual([403, 'PLAN_UPGRADE_REQUIRED']);
    expect((await call<Subscription[]>(app, 'GET', '/webhooks', admin)).body.data).toHaveLength(1);
    expect((await call(app, 'GET', `/webhooks/${made.body.data.id}`, admin)).status).toBe(200);
    expect((await call(app, 'DELETE', `/webhooks/${made.body.data.id}`, admin)).status).toBe(200);
  });

  it('needs an https URL in production (422 url), on create and on PATCH', async () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32), WEBHOOK_SECRETS_KEY: Buffer.alloc(32, 7).toString('base64') };
    const production = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), suite.infra, env);
    try {
      const admin = adminOf(production, 'tn_a');
      const plain = await call(production, 'POST', '/webhooks', admin, { url: 'http://hooks.example.test/h' });
      expect([plain.status, errorPaths(plain)]).toEqual([422, ['url']]);
      const made = await call<Subscription>(production, 'POST', '/webhooks', admin, { url: 'https://hooks.example.test/h' });
      expect(made.status).toBe(201);
      const patch = await call(production, 'PATCH', `/webhooks/${made.body.data.id}`, admin, { url: 'http://hooks.example.test/h' });
      expect([patch.status, errorPaths(patch)]).toEqual([422, ['url']]);
    } finally {
      await production.close();
    }
  });
});
