// The suite every app runs (SPEC §1): dependencies up, metrics served, not-ready once
// shutdown has begun while staying live, and no route without an explicit access rule.
import { DynamicModule } from '@nestjs/common';
import { AppDefaults, HeraldConfig } from '@herald/platform/config';
import { ShutdownDrain } from '@herald/platform/observability';
import { expectHealthy } from './health-checks';
import { listRouteAccess } from './route-access';
import { startTestApp, TestApp } from './test-app';
import { createTestInfrastructure, TestInfrastructure } from './test-infrastructure';

/** Routes that may be public: health and metrics, the partner webhooks (verified by signature), the dev delivery sink. */
const PUBLIC_ROUTES = [/^GET \/health(\/|$)/, /^GET \/metrics$/, /^POST \/webhooks\/:provider(\/:integration_id\??)?$/, /^(GET|POST|DELETE) \/internal\/delivery-sink(\/|$)/];
const SOME_ID = '00000000-0000-4000-8000-000000000000';

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
      // a new public route is a review decision: it has to be added here
      expect(routes.filter((r) => r.access === 'public' && !PUBLIC_ROUTES.some((pattern) => pattern.test(r.route)))).toEqual([]);
    });

    it('answers 401 without credentials on every route that is not public (checked over HTTP, not only by metadata)', async () => {
      const guarded = listRouteAccess(app.app).filter((r) => r.access !== 'public');
      const answers: string[] = [];
      for (const { route } of guarded) {
        const [method, path] = route.split(' ');
        const url = `${app.url}/api/v1${path.replace(/:[^/]+/g, SOME_ID)}`;
        const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
        const response = await fetch(url, { method, headers: hasBody ? { 'content-type': 'application/json' } : {}, body: hasBody ? '{}' : undefined });
        await response.arrayBuffer();
        answers.push(`${route} → ${response.status}`);
      }
      expect(answers).toEqual(guarded.map(({ route }) => `${route} → 401`));
    });
  });
}
