// The webhook-ingress app boots with the ingress context's provider registry in it.
import { ProviderRegistry } from '@herald/ingress';
import { createTestInfrastructure, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

describe('webhook-ingress providers', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('webhook_ingress_providers');
    app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('serves acme and globex from one registry, and answers an unknown provider with RESOURCE_NOT_FOUND', () => {
    const registry = app.app.get(ProviderRegistry, { strict: false });
    expect(registry.names()).toEqual(['acme', 'globex']);
    expect(() => registry.get('umbrella')).toThrow(expect.objectContaining({ code: 'RESOURCE_NOT_FOUND' }));
  });
});
