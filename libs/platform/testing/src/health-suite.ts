// The suite every app runs (SPEC §1): dependencies up, metrics served, not-ready once
// shutdown has begun while staying live, and no route without an explicit access rule.
import { DynamicModule } from '@nestjs/common';
import { AppDefaults, HeraldConfig } from '@herald/platform/config';
import { ShutdownDrain } from '@herald/platform/observability';
import { expectHealthy } from './health-checks';
import { listRouteAccess } from './route-access';
import { startTestApp, TestApp } from './test-app';
import { createTestInfrastructure, TestInfrastructure } from './test-infrastructure';

export function describeAppHealth(
  defaults: AppDefaults,
  module: (config: HeraldConfig) => DynamicModule,
  dependencies: Array<'database' | 'broker' | 'redis'>,
): void {
  describe(`${defaults.appName} health`, () => {
    let infra: TestInfrastructure;
    let app: TestApp;

    beforeAll(async () => {
      infra = await createTestInfrastructure(`${defaults.appName.replace(/-/g, '_')}_health`);
      app = await startTestApp(defaults, module, infra);
    });

    afterAll(async () => {
      await app?.close();
      await infra?.teardown();
    });

    it('reports every dependency it uses as up, and serves Prometheus metrics', async () => {
      await expectHealthy(app, dependencies);
    });

    it('turns not-ready (503) once shutdown has begun, while staying live', async () => {
      app.app.get(ShutdownDrain).markDraining();
      const ready = await fetch(`${app.url}/api/v1/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
      expect((await fetch(`${app.url}/api/v1/health/live`)).status).toBe(200);
    });

    it('declares on every route whether it is public, operator-only or which scopes/roles it needs', () => {
      const routes = listRouteAccess(app.app);
      expect(routes).toEqual(expect.arrayContaining([{ route: 'GET /health', access: 'public' }, { route: 'GET /metrics', access: 'public' }]));
      expect(routes.filter((r) => r.access === 'authenticated-only')).toEqual([]);
    });
  });
}
