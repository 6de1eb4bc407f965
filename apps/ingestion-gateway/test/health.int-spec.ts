// ingestion-gateway answers health, liveness, readiness and metrics against the real services.
import { ShutdownDrain } from '@herald/platform/observability';
import { createTestInfrastructure, expectHealthy, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

describe('ingestion-gateway health', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('ingestion_gateway_health');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('reports every dependency it uses as up, and serves Prometheus metrics', async () => {
    await expectHealthy(app, ['database', 'broker', 'redis']);
  });

  it('turns not-ready (503) once shutdown has begun, while staying live', async () => {
    app.app.get(ShutdownDrain).markDraining();
    const ready = await fetch(`${app.url}/api/v1/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${app.url}/api/v1/health/live`)).status).toBe(200);
  });
});

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
