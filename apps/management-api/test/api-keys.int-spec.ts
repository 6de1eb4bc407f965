// API keys at the access guard of the management API (SPEC §3), against real Postgres: the
// platform's read-only ApiKeyLookup (api_keys is the management context's table) is what the guard reads.
import { createTestInfrastructure, seedApiKey, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { withAccessProbe } from './access-probe';

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);

describe('API keys at the access guard', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let keyA: { id: string; key: string };

  beforeAll(async () => {
    infra = await createTestInfrastructure('management_api_keys');
    app = await startTestApp(APP_DEFAULTS, (c, logger) => withAccessProbe(AppModule.forRoot(c, logger)), infra);
    await seedTenant(app.dataSource, 'tn_a', []);
    await seedTenant(app.dataSource, 'tn_b', []);
    keyA = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['keys:manage', 'events:publish'] });
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  const get = (headers: Record<string, string>) => fetch(`${app.url}/api/v1/probe/principal`, { headers });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  async function expect401(res: Response): Promise<void> {
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      success: false,
      error: { code: 'AUTHENTICATION_REQUIRED', message: 'The API key is invalid, revoked or expired', details: {} },
      meta: { request_id: expect.any(String) },
    });
  }

  it('accepts a valid key as Authorization: Bearer hk_… and as x-api-key, acting for its tenant with its scopes', async () => {
    for (const headers of [bearer(keyA.key), { 'x-api-key': keyA.key }]) {
      const res = await get(headers);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown }).data).toEqual({
        kind: 'api_key',
        subject: keyA.id,
        tenant_id: 'tn_a',
        roles: [],
        groups: [],
        scopes: ['keys:manage', 'events:publish'],
      });
    }
  });

  it('answers 401 for a wrong secret, an unknown prefix and a malformed key', async () => {
    const [, prefix, secret] = /^hk_([^_]+)_(.+)$/.exec(keyA.key) as RegExpExecArray;
    await expect401(await get(bearer(`hk_${prefix}_${secret.slice(1)}x`)));
    await expect401(await get({ 'x-api-key': `hk_0123456789ab_${secret}` }));
    await expect401(await get({ 'x-api-key': 'hk_not-a-key' }));
  });

  it('answers 401 for a revoked key, an expired key and a rotated key past its grace', async () => {
    const revoked = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['keys:manage'], revokedAt: hoursFromNow(-1) });
    const expired = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['keys:manage'], expiresAt: hoursFromNow(-1) });
    const rotatedOut = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['keys:manage'], graceUntil: hoursFromNow(-1) });
    for (const { key } of [revoked, expired, rotatedOut]) await expect401(await get(bearer(key)));
  });

  it('keeps a key working before its expiry and a rotated key within its grace', async () => {
    const expiring = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['keys:manage'], expiresAt: hoursFromNow(1) });
    const inGrace = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['keys:manage'], graceUntil: hoursFromNow(24) });
    for (const { key } of [expiring, inGrace]) expect((await get(bearer(key))).status).toBe(200);
  });

  it('lets a key of tenant A act as tenant A only', async () => {
    const post = (tenantId: string) =>
      fetch(`${app.url}/api/v1/probe/tenant-scoped`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': keyA.key },
        body: JSON.stringify({ tenant_id: tenantId }),
      });
    const own = await post('tn_a');
    expect(own.status).toBe(200);
    expect(((await own.json()) as { data: unknown }).data).toEqual({ tenant_id: 'tn_a' });
    const other = await post('tn_b');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('holds a key to its scopes: 403 on a route that needs one it lacks', async () => {
    const publisher = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['events:publish'] });
    const res = await get(bearer(publisher.key));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { details: unknown } }).error.details).toEqual({ required_scopes: ['keys:manage'] });
  });
});
