// The per-principal rate limiter's place (SPEC §3): a limiter provided globally by a
// context runs after authentication, and its RateLimit-* headers reach 2xx answers too.
import { Global, Injectable, Module } from '@nestjs/common';
import { RATE_LIMITER, RateLimitDecision, RateLimiter, RateLimitRequest } from '@herald/platform/auth';
import { createTestInfrastructure, seedApiKey, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { withAccessProbe } from './access-probe';

/** Allows `limit` requests per principal, then refuses; remembers what it was asked. */
@Injectable()
class CountingLimiter implements RateLimiter {
  readonly seen: RateLimitRequest[] = [];
  private readonly used = new Map<string, number>();

  async consume(request: RateLimitRequest): Promise<RateLimitDecision> {
    this.seen.push(request);
    const limit = request.apiKeyLimitPerHour ?? 3;
    const used = (this.used.get(request.principal.subject) ?? 0) + 1;
    this.used.set(request.principal.subject, used);
    return { allowed: used <= limit, limit, remaining: limit - used, resetSeconds: 1800 };
  }
}

@Global()
@Module({ providers: [CountingLimiter, { provide: RATE_LIMITER, useExisting: CountingLimiter }], exports: [RATE_LIMITER] })
class CountingLimiterModule {}

describe('the rate limiter hook', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let limiter: CountingLimiter;

  beforeAll(async () => {
    infra = await createTestInfrastructure('management_rate_limiter_hook');
    app = await startTestApp(APP_DEFAULTS, (c, logger) => withAccessProbe(AppModule.forRoot(c, logger), CountingLimiterModule), infra);
    limiter = app.app.get(CountingLimiter, { strict: false });
    await seedTenant(app.dataSource, 'tn_a', []);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  const probe = (headers: Record<string, string>) => fetch(`${app.url}/api/v1/probe/principal`, { headers });

  it('does not count a request that fails authentication or access', async () => {
    expect((await probe({})).status).toBe(401);
    expect((await probe({ authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    const token = app.token({ sub: 'u_reader', tenant_id: 'tn_a', scope: ['notifications:read'] });
    expect((await probe({ authorization: `Bearer ${token}` })).status).toBe(403);
    expect(limiter.seen).toEqual([]);
  });

  it('runs with the authenticated principal and route, and puts RateLimit-* on the 2xx answer', async () => {
    const token = app.token({ sub: 'u_admin', tenant_id: 'tn_a', scope: ['keys:manage'] });
    const res = await probe({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('3');
    expect(res.headers.get('ratelimit-remaining')).toBe('2');
    expect(res.headers.get('ratelimit-reset')).toBe('1800');
    expect(limiter.seen.at(-1)).toEqual({
      principal: expect.objectContaining({ kind: 'user', subject: 'u_admin', tenant_id: 'tn_a' }),
      apiKeyLimitPerHour: undefined,
      method: 'GET',
      route: '/api/v1/probe/principal',
      weight: 1,
    });
  });

  it('answers 429 RATE_LIMITED with Retry-After and RateLimit-* once the limiter refuses', async () => {
    const token = app.token({ sub: 'u_busy', tenant_id: 'tn_a', scope: ['keys:manage'] });
    for (let i = 0; i < 3; i++) expect((await probe({ authorization: `Bearer ${token}` })).status).toBe(200);
    const refused = await probe({ authorization: `Bearer ${token}` });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1800');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it("hands the limiter an API key's own hourly limit", async () => {
    const { key } = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['keys:manage'] });
    const res = await probe({ 'x-api-key': key });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('1000');
    expect(limiter.seen.at(-1)).toMatchObject({ principal: { kind: 'api_key' }, apiKeyLimitPerHour: 1000 });
  });
});
