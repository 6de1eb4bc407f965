// API keys at the gateway without a database read per request (SPEC §3): a hot key is
// answered from the per-process cache, and a revocation in the database takes effect on
// every replica within API_KEY_CACHE_TTL_MS (5 s).
import { randomUUID } from 'node:crypto';
import { createTestInfrastructure, eventually, seedApiKey, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const validEvent = () => ({
  type: 'revenue_impact',
  source: 'billing',
  timestamp: '2026-11-23T10:00:00Z',
  payload: { impact_amount: 2500, impact_type: 'increase', currency: 'USD' },
});

describe('ingestion-gateway API-key cache', () => {
  let infra: TestInfrastructure;
  let gwA: TestApp;
  let gwB: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway_api_key_cache');
    gwA = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    gwB = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await gwA?.close();
    await gwB?.close();
    await infra?.teardown();
  });

  const post = (gw: TestApp, key: string) =>
    fetch(`${gw.url}/api/v1/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(validEvent()),
    });

  async function freshKey(): Promise<{ id: string; key: string }> {
    const tenant = `tn_kc_${randomUUID().slice(0, 8)}`;
    await seedTenant(gwA.dataSource, tenant, []);
    return seedApiKey(gwA.dataSource, tenant, { scopes: ['events:publish'] });
  }

  it('reads a hot key from the database once, not once per request', async () => {
    const { key } = await freshKey();
    const query = jest.spyOn(gwA.dataSource, 'query');
    const keyReads = () => query.mock.calls.filter(([sql]) => String(sql).includes('FROM api_keys')).length;
    for (let i = 0; i < 20; i++) expect((await post(gwA, key)).status).toBe(202);
    expect(keyReads()).toBe(1);
    query.mockRestore();
  });

  it('refuses a revoked key on every replica within 5 s of the revocation', async () => {
    const { id, key } = await freshKey();
    for (const gw of [gwA, gwB]) expect((await post(gw, key)).status).toBe(202);
    await gwA.dataSource.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
    const revokedAt = Date.now();
    for (const gw of [gwA, gwB]) {
      await eventually(async () => ((await post(gw, key)).status === 401 ? true : undefined), 6000, 'the revocation to take effect');
    }
    expect(Date.now() - revokedAt).toBeLessThan(5500);
  });
});
