// webhook-ingress answers health, liveness, readiness and metrics against the real services.
import { ShutdownDrain } from '@herald/platform/observability';
import { createTestInfrastructure, expectHealthy, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

describe('webhook-ingress health', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('webhook_ingress_health');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('reports every dependency it uses as up, and serves Prometheus metrics', async () => {
    await expectHealthy(app, ['database', 'broker']);
  });

  it('turns not-ready (503) once shutdown has begun, while staying live', async () => {
    app.app.get(ShutdownDrain).markDraining();
    const ready = await fetch(`${app.url}/api/v1/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${app.url}/api/v1/health/live`)).status).toBe(200);
  });
});
