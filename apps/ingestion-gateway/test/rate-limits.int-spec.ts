// Rate limits at the gateway against real Postgres, RabbitMQ and Redis (SPEC §3): counted in
// Redis and so shared by two gateway instances, RateLimit-* on 2xx and 429, Retry-After on the
// 429, and fail open (still 202, counted, quickly) when Redis is unreachable.
import { randomUUID } from 'node:crypto';
import { Metrics } from '@herald/platform/observability';
import { createTestInfrastructure, seedApiKey, seedTenant, startTcpProxy, startTestApp, TcpProxy, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const validEvent = () => ({
  type: 'revenue_impact',
  source: 'billing',
  timestamp: '2026-11-23T10:00:00Z',
  payload: { impact_amount: 2500, impact_type: 'increase', currency: 'USD' },
});

describe('ingestion-gateway rate limits', () => {
  let infra: TestInfrastructure;
  let redisProxy: TcpProxy;
  let gwA: TestApp;
  let gwB: TestApp;
  let gwCut: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway_rate_limits');
    redisProxy = await startTcpProxy(infra.redisUrl);
    const env = { RATE_LIMIT_PER_PRINCIPAL_PER_HOUR: '4' };
    gwA = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, env);
    gwB = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, env);
    gwCut = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { ...env, REDIS_URL: redisProxy.url });
  });

  afterAll(async () => {
    redisProxy?.restore();
    await gwA?.close();
    await gwB?.close();
    await gwCut?.close();
    await redisProxy?.close();
    await infra?.teardown();
  });

  const post = (gw: TestApp, headers: Record<string, string>) =>
    fetch(`${gw.url}/api/v1/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(validEvent()),
    });

  const postBatch = (gw: TestApp, headers: Record<string, string>, size: number) =>
    fetch(`${gw.url}/api/v1/internal/events/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ events: Array.from({ length: size }, validEvent) }),
    });

  /** A tenant and a key of its own per test, so counts never collide across tests or runs. */
  async function keyWithLimit(limit: number): Promise<{ key: string }> {
    const tenant = `tn_rl_${randomUUID().slice(0, 8)}`;
    await seedTenant(gwA.dataSource, tenant, []);
    const seeded = await seedApiKey(gwA.dataSource, tenant, { scopes: ['events:publish'] });
    await gwA.dataSource.query('UPDATE api_keys SET rate_limit = $2 WHERE id = $1', [seeded.id, limit]);
    return seeded;
  }

  it("puts RateLimit-* on a 202 for an API key, with the key's own hourly limit", async () => {
    const { key } = await keyWithLimit(50);
    const res = await post(gwA, { 'x-api-key': key });
    expect(res.status).toBe(202);
    expect(res.headers.get('ratelimit-limit')).toBe('50');
    expect(res.headers.get('ratelimit-remaining')).toBe('49');
    const reset = Number(res.headers.get('ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(3600);
  });

  it('shares one key’s count between two gateway instances and answers 429 RATE_LIMITED with Retry-After past it', async () => {
    const { key } = await keyWithLimit(3);
    const statuses = [];
    for (const gw of [gwA, gwB, gwA]) statuses.push((await post(gw, { 'x-api-key': key })).status);
    expect(statuses).toEqual([202, 202, 202]);
    const refused = await post(gwB, { 'x-api-key': key });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-limit')).toBe('3');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.headers.get('ratelimit-reset')).toBe(String(retryAfter));
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('counts a batch of N as N and refuses a whole batch that does not fit in what is left, spending nothing', async () => {
    const { key } = await keyWithLimit(10);
    const accepted = await postBatch(gwA, { 'x-api-key': key }, 6);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('ratelimit-limit')).toBe('10');
    expect(accepted.headers.get('ratelimit-remaining')).toBe('4');

    const refused = await postBatch(gwB, { 'x-api-key': key }, 6);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-remaining')).toBe('4');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');

    const fits = await postBatch(gwA, { 'x-api-key': key }, 4);
    expect(fits.status).toBe(202);
    expect(fits.headers.get('ratelimit-remaining')).toBe('0');
    expect((await post(gwB, { 'x-api-key': key })).status).toBe(429);
  });

  it('counts a batch against a JWT principal’s hourly limit by its items too', async () => {
    const token = gwA.token({ sub: `svc_${randomUUID().slice(0, 8)}`, tenant_id: 'tn_rl_jwt', scope: ['events:publish'] });
    const auth = { authorization: `Bearer ${token}` };
    const batch = await postBatch(gwA, auth, 3);
    expect(batch.status).toBe(202);
    expect(batch.headers.get('ratelimit-remaining')).toBe('1');
    expect((await postBatch(gwB, auth, 2)).status).toBe(429);
  });

  it('limits a JWT principal on publish routes to RATE_LIMIT_PER_PRINCIPAL_PER_HOUR across instances', async () => {
    const token = gwA.token({ sub: `svc_${randomUUID().slice(0, 8)}`, tenant_id: 'tn_rl_jwt', scope: ['events:publish'] });
    const auth = { authorization: `Bearer ${token}` };
    const first = await post(gwA, auth);
    expect(first.status).toBe(202);
    expect(first.headers.get('ratelimit-limit')).toBe('4');
    expect(first.headers.get('ratelimit-remaining')).toBe('3');
    for (const gw of [gwB, gwA, gwB]) expect((await post(gw, auth)).status).toBe(202);
    expect((await post(gwA, auth)).status).toBe(429);
  });

  it('keeps accepting when Redis is unreachable: 202 without headers, quickly, counted in the metric', async () => {
    const { key } = await keyWithLimit(1);
    const metrics = gwCut.app.get(Metrics, { strict: false });
    const unavailable = async () => (await metrics.rateLimitUnavailable.get()).values[0]?.value ?? 0;
    expect((await post(gwCut, { 'x-api-key': key })).status).toBe(202);
    const before = await unavailable();
    redisProxy.cut();
    try {
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const res = await post(gwCut, { 'x-api-key': key });
        expect(res.status).toBe(202);
        expect(res.headers.get('ratelimit-limit')).toBeNull();
        // the Redis wait is bounded at 100 ms; the rest is the request's own work
        expect(Date.now() - started).toBeLessThan(1000);
      }
      expect((await unavailable()) - before).toBe(5);
    } finally {
      redisProxy.restore();
    }
  });
});
