// The four facades POST /api/v1/internal/events/<segment> against real Postgres, RabbitMQ and
// Redis: payload fields at the top level, stored under the canonical type, with the single
// route's auth and errors; an unknown segment is 404.
import { createTestInfrastructure, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const TENANT = 'tn_facades';
const SOURCE_AND_TIME = { source: 'facade-test', timestamp: '2026-11-23T10:00:00Z' };

const FACADES: Array<{ segment: string; type: string; fields: Record<string, unknown> }> = [
  { segment: 'revenue-impact', type: 'revenue_impact', fields: { impact_amount: -350, impact_type: 'deliverability_drop', severity: 'high' } },
  { segment: 'cost-optimization', type: 'cost_optimization', fields: { optimization_type: 'idle_ip_pool', estimated_savings: 120 } },
  { segment: 'deliverability', type: 'email_deliverability', fields: { metric: 'bounce_rate', value: 0.08, severity: 'critical' } },
  { segment: 'resource-usage', type: 'resource_usage', fields: { resource_type: 'email_sends', usage: 9500, limit: 10000 } },
];

type ErrorBody = { success: false; error: { code: string; details: { errors?: Array<{ path: string }> } } };

describe('ingestion-gateway facades POST /api/v1/internal/events/<segment>', () => {
  let infra: TestInfrastructure;
  let gw: TestApp;
  let token: string;

  beforeAll(async () => {
    infra = await createTestInfrastructure('gateway_facades');
    gw = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    token = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish', 'alerts:publish'] });
  });

  afterAll(async () => {
    await gw?.close();
    await infra?.teardown();
  });

  const post = (segment: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    fetch(`${gw.url}/api/v1/internal/events/${segment}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it.each(FACADES)('$segment answers 202 and stores a $type event with the fields as its payload', async ({ segment, type, fields }) => {
    const res = await post(segment, { ...SOURCE_AND_TIME, ...fields });
    expect(res.status).toBe(202);
    const { data } = (await res.json()) as { data: { event_id: string; queued: boolean } };
    expect(data.queued).toBe(true);
    const [row] = await gw.dataSource.query('SELECT tenant_id, type, source, schema_version, payload FROM events WHERE id = $1', [data.event_id]);
    expect(row).toEqual({ tenant_id: TENANT, type, source: 'facade-test', schema_version: 1, payload: fields });
  });

  it('returns 422 naming payload.<field> for a payload that fails the canonical schema, and for an unknown schema_version', async () => {
    const bad = await post('revenue-impact', { ...SOURCE_AND_TIME, impact_type: 'upsell', impact_amount: 'lots' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.details.errors?.map((e) => e.path)).toContain('payload.impact_amount');
    const missing = await post('resource-usage', { ...SOURCE_AND_TIME, usage: 1 });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as ErrorBody).error.details.errors?.map((e) => e.path)).toContain('payload.resource_type');
    const version = await post('cost-optimization', { ...SOURCE_AND_TIME, ...FACADES[1].fields, schema_version: 99 });
    expect(version.status).toBe(422);
    expect(((await version.json()) as ErrorBody).error.details.errors?.[0].path).toBe('schema_version');
  });

  it('returns 400 for a missing timestamp, a body that is not JSON or not an object', async () => {
    const noTime = await post('deliverability', { source: 'esp', metric: 'bounce_rate', value: 0.1 });
    expect(noTime.status).toBe(400);
    expect(((await noTime.json()) as ErrorBody).error.details.errors?.[0].path).toBe('timestamp');
    for (const body of ['{"source": ', '[1]']) expect((await post('deliverability', body)).status).toBe(400);
  });

  it('returns 403 for another tenant, and for a high-severity alert without alerts:publish', async () => {
    const other = await post('cost-optimization', { ...SOURCE_AND_TIME, ...FACADES[1].fields, tenant_id: 'tn_someone_else' });
    expect(other.status).toBe(403);
    const publisher = gw.token({ sub: 'svc', tenant_id: TENANT, scope: ['events:publish'] });
    const alert = await post('revenue-impact', { ...SOURCE_AND_TIME, ...FACADES[0].fields }, { authorization: `Bearer ${publisher}` });
    expect(alert.status).toBe(403);
    expect(((await alert.json()) as ErrorBody).error.code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('returns 401 without a token and 403 without events:publish', async () => {
    expect((await post('resource-usage', { ...SOURCE_AND_TIME, ...FACADES[3].fields }, {})).status).toBe(401);
    const reader = gw.token({ sub: 'u1', tenant_id: TENANT, roles: ['exec'], scope: ['notifications:read'] });
    expect((await post('resource-usage', { ...SOURCE_AND_TIME, ...FACADES[3].fields }, { authorization: `Bearer ${reader}` })).status).toBe(403);
  });

  it('answers an unknown facade with a 404 RESOURCE_NOT_FOUND envelope', async () => {
    const res = await post('operational-efficiency', { ...SOURCE_AND_TIME, metric: 'x' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('RESOURCE_NOT_FOUND');
  });
});
