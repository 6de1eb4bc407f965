// Operator routes over integrations (SPEC §5, §9): create, list (provider, active_only,
// tenant_id, paged as SPEC §2), get and patch; credentials are write-only — sealed at rest
// (bound to the row, as the ingress opens them), never in an answer or an audit entry.
import { randomUUID } from 'node:crypto';
import type { IntegrationView } from '@herald/management';
import { CredentialsCipher } from '@herald/platform/auth';
import { canonicalSha256 } from '@herald/platform/persistence';
import { seedIntegration, seedTenant, TestApp } from '@herald/platform/testing';
import { adminOf, auditOf, call, errorPaths, ManagementSuite, OPERATOR, startManagementApi } from './management-client';

const ACME_SECRET = 'acme-int-secret-7f3c9a';
const GLOBEX_TOKEN = 'globex-int-token-51be02';

describe('integrations (operator)', () => {
  let suite: ManagementSuite;
  let app: TestApp;
  const post = (body: unknown, headers: Record<string, string> = OPERATOR) => call<IntegrationView>(app, 'POST', '/integrations', headers, body);
  const patch = (id: string, body: unknown) => call<IntegrationView>(app, 'PATCH', `/integrations/${id}`, OPERATOR, body);
  const list = (query: string) => call<IntegrationView[]>(app, 'GET', `/integrations${query}`, OPERATOR);
  const sealedOf = async (id: string): Promise<string | null> =>
    ((await app.dataSource.query(`SELECT credentials_sealed FROM integrations WHERE id = $1`, [id])) as Array<{ credentials_sealed: string | null }>)[0].credentials_sealed;

  beforeAll(async () => {
    suite = await startManagementApi('management_integrations');
    app = suite.app;
    for (const tenant of ['tn_a', 'tn_b', 'tn_c', 'tn_d']) await seedTenant(app.dataSource, tenant, []);
  });

  afterAll(() => suite?.close());

  describe('POST /integrations', () => {
    it('creates an integration, seals its credentials for the row and never shows them', async () => {
      const body = { tenant_id: 'tn_a', provider: 'acme', callback_url: 'http://127.0.0.1:9/acme-callback', credentials: { secret: ACME_SECRET } };
      const res = await post(body);
      expect(res.status).toBe(201);
      expect(res.body.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenant_id: 'tn_a',
        provider: 'acme',
        active: true,
        callback_url: 'http://127.0.0.1:9/acme-callback',
        is_default: false,
        has_credentials: true,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain(ACME_SECRET);
      const id = res.body.data.id;
      const sealed = await sealedOf(id);
      expect(sealed).not.toContain(ACME_SECRET);
      // what the ingress does with it: open it with the row's id
      const cipher = CredentialsCipher.fromConfig(app.config);
      expect(cipher.open(id, sealed as string)).toEqual({ secret: ACME_SECRET });
      expect(() => cipher.open(randomUUID(), sealed as string)).toThrow();
    });

    it('audits the create with a fingerprint of everything but the credentials', async () => {
      const res = await post({ tenant_id: 'tn_b', provider: 'globex', credentials: { token: GLOBEX_TOKEN } });
      expect(res.status).toBe(201);
      const id = res.body.data.id;
      const shown = { id, tenant_id: 'tn_b', provider: 'globex', active: true, callback_url: null, is_default: false };
      const [entry, ...more] = await auditOf(app, 'integration', id);
      expect(more).toEqual([]);
      expect(entry).toEqual({
        tenant_id: 'tn_b',
        request_id: res.body.meta.request_id,
        actor: 'operator',
        action: 'integration.created',
        entity_type: 'integration',
        entity_id: id,
        fingerprint: canonicalSha256({ ...shown, credentials_set: true }),
      });
      expect(entry.fingerprint).not.toBe(canonicalSha256({ ...shown, credentials: { token: GLOBEX_TOKEN } }));
    });

    it('takes a provider default without credentials (it verifies with the env values)', async () => {
      const res = await post({ tenant_id: 'tn_c', provider: 'globex', is_default: true, active: false });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ is_default: true, active: false, has_credentials: false });
      expect(await sealedOf(res.body.data.id)).toBeNull();
    });

    it('answers 409 for a second integration of a provider in a tenant, and for a second default of a provider', async () => {
      const twice = await post({ tenant_id: 'tn_a', provider: 'acme', credentials: { secret: 'another' } });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'provider' } });
      const secondDefault = await post({ tenant_id: 'tn_d', provider: 'globex', is_default: true });
      expect(secondDefault.status).toBe(409);
      expect(secondDefault.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'is_default' } });
      const rows = (await app.dataSource.query(`SELECT count(*)::int AS n FROM integrations WHERE tenant_id IN ('tn_a', 'tn_d')`)) as Array<{ n: number }>;
      expect(rows[0].n).toBe(1);
    });

    it('answers 400 naming each field of a wrong shape', async () => {
      const res = await post({ tenant_id: 7, active: 'yes', callback_url: 'not a url', credentials: 'secret' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(new Set(errorPaths(res))).toEqual(new Set(['tenant_id', 'provider', 'active', 'callback_url', 'credentials']));
      expect((await post('[1]')).status).toBe(400);
    });

    it('answers 422 for an unknown provider or tenant and for credentials that are not the provider\'s, never echoing them', async () => {
      const unknownProvider = await post({ tenant_id: 'tn_d', provider: 'initech', credentials: { secret: 's' } });
      expect(unknownProvider.status).toBe(422);
      expect(errorPaths(unknownProvider)).toEqual(['provider']);
      const unknownTenant = await post({ tenant_id: 'tn_nobody', provider: 'acme', credentials: { secret: 's' } });
      expect(unknownTenant.status).toBe(422);
      expect(errorPaths(unknownTenant)).toEqual(['tenant_id']);
      const wrongFields = await post({ tenant_id: 'tn_d', provider: 'acme', credentials: { token: GLOBEX_TOKEN } });
      expect(wrongFields.status).toBe(422);
      expect(errorPaths(wrongFields)).toEqual(['credentials.secret', 'credentials.token']);
      expect(JSON.stringify(wrongFields.body)).not.toContain(GLOBEX_TOKEN);
      const missing = await post({ tenant_id: 'tn_d', provider: 'acme' });
      expect(missing.status).toBe(422);
      expect(errorPaths(missing)).toEqual(['credentials']);
      const nul = await post({ tenant_id: 'tn_d', provider: 'acme', credentials: { secret: 'a\u0000b' } });
      expect(nul.status).toBe(422);
      expect(errorPaths(nul)).toEqual([expect.stringMatching(/^credentials/)]);
      const none = (await app.dataSource.query(`SELECT count(*)::int AS n FROM integrations WHERE tenant_id = 'tn_d'`)) as Array<{ n: number }>;
      expect(none[0].n).toBe(0);
    });
  });

  describe('GET /integrations', () => {
    it('lists every tenant\'s integrations newest first, paged as SPEC §2', async () => {
      const res = await list('?page_size=2');
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ request_id: expect.any(String), page: 1, page_size: 2, total: 3 });
      expect(res.body.data.map((i) => i.tenant_id)).toEqual(['tn_c', 'tn_b']);
      const past = await list('?page=3&page_size=2');
      expect(past.body).toMatchObject({ data: [], meta: { page: 3, page_size: 2, total: 3 } });
      expect(JSON.stringify((await list('')).body)).not.toMatch(new RegExp(`${ACME_SECRET}|${GLOBEX_TOKEN}|credentials_sealed`));
    });

    it('filters by provider, tenant and active_only', async () => {
      expect((await list('?provider=globex')).body.data.map((i) => i.tenant_id)).toEqual(['tn_c', 'tn_b']);
      expect((await list('?provider=globex&active_only=true')).body.data.map((i) => i.tenant_id)).toEqual(['tn_b']);
      expect((await list('?active_only=false')).body.meta.total).toBe(3);
      expect((await list('?tenant_id=tn_a')).body.data.map((i) => i.provider)).toEqual(['acme']);
    });

    it('answers 400 naming a bad parameter', async () => {
      for (const [query, path] of [['?active_only=yes', 'active_only'], ['?page_size=101', 'page_size'], ['?page=0', 'page'], ['?provider=', 'provider']]) {
        const res = await list(query);
        expect(res.status).toBe(400);
        expect(errorPaths(res)).toContain(path);
      }
    });
  });

  describe('PATCH /integrations/:id', () => {
    it('replaces the credentials (sealed again, never shown), clears the callback and deactivates, audited', async () => {
      const id = await seedIntegration(app.dataSource, app.config, 'tn_d', { provider: 'acme', callbackUrl: 'http://127.0.0.1:9/old', credentials: { secret: 'old-secret' } });
      const res = await patch(id, { credentials: { secret: 'new-acme-secret-93ab' }, callback_url: null, active: false });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id, tenant_id: 'tn_d', provider: 'acme', active: false, callback_url: null, has_credentials: true });
      expect(JSON.stringify(res.body)).not.toContain('new-acme-secret-93ab');
      expect(CredentialsCipher.fromConfig(app.config).open(id, (await sealedOf(id)) as string)).toEqual({ secret: 'new-acme-secret-93ab' });
      const [entry] = await auditOf(app, 'integration', id);
      expect(entry).toMatchObject({ action: 'integration.updated', actor: 'operator', tenant_id: 'tn_d', request_id: res.body.meta.request_id });
      expect(entry.fingerprint).toBe(canonicalSha256({ id, active: false, callback_url: null, credentials_set: true }));

      const reactivated = await patch(id, { active: true, tenant_id: 'tn_d', provider: 'acme' });
      expect(reactivated.body.data).toMatchObject({ active: true, has_credentials: true });
      expect(CredentialsCipher.fromConfig(app.config).open(id, (await sealedOf(id)) as string)).toEqual({ secret: 'new-acme-secret-93ab' });
    });

    it('answers 404 for an unknown or malformed id, 400 for an empty change, 422 for a move or foreign credentials, 409 for a second default', async () => {
      expect((await patch(randomUUID(), { active: false })).status).toBe(404);
      expect((await patch('not-an-id', { active: false })).body.error.code).toBe('RESOURCE_NOT_FOUND');
      expect((await call(app, 'GET', `/integrations/${randomUUID()}`, OPERATOR)).status).toBe(404);
      const id = await seedIntegration(app.dataSource, app.config, 'tn_d', { provider: 'globex', credentials: { token: 't' } });
      expect((await patch(id, {})).status).toBe(400);
      const moved = await patch(id, { tenant_id: 'tn_a', provider: 'acme', active: false });
      expect(moved.status).toBe(422);
      expect(errorPaths(moved)).toEqual(['tenant_id', 'provider']);
      const foreign = await patch(id, { credentials: { secret: 'x' } });
      expect(errorPaths(foreign)).toEqual(['credentials.token', 'credentials.secret']);
      const secondDefault = await patch(id, { is_default: true });
      expect(secondDefault.status).toBe(409);
      expect(await auditOf(app, 'integration', id)).toEqual([]);
      const shown = await call<IntegrationView>(app, 'GET', `/integrations/${id}`, OPERATOR);
      expect(shown.body.data).toMatchObject({ id, is_default: false, active: true, has_credentials: true });
    });
  });

  it('answers 401 without the operator key, with a wrong one, or with a tenant admin\'s token', async () => {
    const body = { tenant_id: 'tn_d', provider: 'acme', credentials: { secret: 's' } };
    for (const headers of [{}, { 'x-internal-api-key': 'wrong-key' }, adminOf(app, 'tn_d')] as Array<Record<string, string>>) {
      expect((await post(body, headers)).status).toBe(401);
      expect((await call(app, 'GET', '/integrations', headers)).status).toBe(401);
      expect((await call(app, 'PATCH', `/integrations/${randomUUID()}`, headers, { active: false })).status).toBe(401);
    }
  });
});
