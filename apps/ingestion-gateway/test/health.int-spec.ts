// ingestion-gateway answers health, liveness, readiness and metrics; 503 names a failing check.
import { createTestInfrastructure, describeAppHealth, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

describeAppHealth(APP_DEFAULTS, (c) => AppModule.forRoot(c), ['database', 'broker', 'redis']);

describe('ingestion-gateway health with Redis down', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway_redis_down');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('answers 503 naming the failing check', async () => {
    const res = await fetch(`${app.url}/api/v1/health`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; details: { failing: string[] } } };
    expect(body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.error.details.failing).toEqual(['redis']);
  });
});
