// GET /event-types (SPEC §9): the schema registry's catalog with each type's JSON Schema and
// versions, for any authenticated tenant caller.
import { eventSchemaRegistry } from '@herald/contracts';
import type { EventTypeView as EventType } from '@herald/management';
import { seedApiKey, seedTenant, TestApp } from '@herald/platform/testing';
import { bearer, call, ManagementSuite, startManagementApi } from './management-client';

describe('event types', () => {
  let suite: ManagementSuite;
  let app: TestApp;

  beforeAll(async () => {
    suite = await startManagementApi('management_event_types');
    app = suite.app;
    await seedTenant(app.dataSource, 'tn_a', []);
  });

  afterAll(() => suite?.close());

  it('lists every registered type with its versions, JSON Schemas and latest version', async () => {
    const res = await call<EventType[]>(app, 'GET', '/event-types', bearer(app.token({ sub: 'u_1', tenant_id: 'tn_a' })));
    expect(res.status).toBe(200);
    expect(res.body.data.map((t) => t.type)).toEqual(eventSchemaRegistry.catalog().map((t) => t.type));
    const revenue = res.body.data.find((t) => t.type === 'revenue_impact');
    expect(revenue).toMatchObject({ kind: 'business', latest_version: 1, versions: [{ version: 1, schema: { type: 'object', required: expect.arrayContaining(['impact_amount', 'impact_type']) } }] });
    expect(res.body.data.map((t) => t.type)).toEqual(expect.arrayContaining(['review.created', 'sync.failed', 'email_deliverability']));
  });

  it('answers any API key of a tenant, and 401 without credentials', async () => {
    const { key } = await seedApiKey(app.dataSource, 'tn_a', { scopes: ['events:publish'] });
    expect((await call(app, 'GET', '/event-types', { 'x-api-key': key })).status).toBe(200);
    const res = await call(app, 'GET', '/event-types');
    expect([res.status, res.body.error.code]).toEqual([401, 'AUTHENTICATION_REQUIRED']);
  });
});
