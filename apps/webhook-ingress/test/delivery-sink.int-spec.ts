// The dev delivery sink (SPEC §5): records what it receives, byte for byte, lists it on GET of
// the same path, answers 500 when `simulateFailure: true` appears anywhere in the payload, and
// does not exist at all when NODE_ENV=production (where the webhook route still works).
import { randomBytes } from 'node:crypto';
import { createTestInfrastructure, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import type { SinkReceipt } from '@herald/ingress';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

describe('dev delivery sink', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('delivery_sink');
    app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, { LOG_LEVEL: 'fatal' });
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  const sink = (provider: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/v1/internal/delivery-sink/${provider}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const received = async (provider: string) =>
    ((await (await fetch(`${app.url}/api/v1/internal/delivery-sink/${provider}`)).json()) as { data: SinkReceipt[] }).data;

  it('records each delivery with its headers and exact body, and lists them per provider in arrival order', async () => {
    const first = '{ "type": "order.created",  "data": {"n": 1} }';
    expect((await sink('acme-sink', first, { 'webhook-id': 'msg_1' })).status).toBe(200);
    expect((await sink('acme-sink', '{"n":2}')).status).toBe(200);
    expect((await sink('other-sink', '{"n":3}')).status).toBe(200);
    const list = await received('acme-sink');
    expect(list.map((r) => r.raw_body)).toEqual([first, '{"n":2}']);
    expect(list[0]).toMatchObject({ provider: 'acme-sink', simulated_failure: false, headers: { 'webhook-id': 'msg_1' } });
  });

  it('answers 500 INTERNAL_SERVER_ERROR when simulateFailure is true at any depth, and records it too', async () => {
    const res = await sink('failing-sink', JSON.stringify({ type: 't', data: { items: [{ simulateFailure: true }] } }));
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INTERNAL_SERVER_ERROR');
    expect((await sink('failing-sink', JSON.stringify({ data: { simulateFailure: 'true' } }))).status).toBe(200);
    expect((await received('failing-sink')).map((r) => r.simulated_failure)).toEqual([true, false]);
  });
});

describe('webhook-ingress in production', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('delivery_sink_prod');
    app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      INTEGRATION_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'fatal',
    });
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('has no delivery sink (404 for POST and GET), while the webhook route answers', async () => {
    const post = await fetch(`${app.url}/api/v1/internal/delivery-sink/acme`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(404);
    expect((await fetch(`${app.url}/api/v1/internal/delivery-sink/acme`)).status).toBe(404);
    expect(await app.dataSource.query('SELECT count(*)::int AS n FROM delivery_sink_receipts')).toEqual([{ n: 0 }]);
    const webhook = await fetch(`${app.url}/api/v1/webhooks/acme`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(webhook.status).toBe(404); // no default integration in this database: the route exists and looked
    expect(((await webhook.json()) as { error: { details: { entity: string } } }).error.details.entity).toBe('integration');
  });
});
