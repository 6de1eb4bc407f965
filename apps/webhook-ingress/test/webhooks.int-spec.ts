// POST /api/v1/webhooks/:provider[/:integration_id] as partners and operators see it (SPEC §5):
// per-provider verification on the raw bytes, per-integration credentials, 202 / 200 for a new
// and a repeated provider event id (also concurrently), 400 naming fields, 404s, 413, the raw
// snapshot stored with the event and its outbox row without any credential, and the message
// on herald.events as webhook.<provider>.<type>.
import { randomBytes, randomUUID } from 'node:crypto';
import { Exchanges } from '@herald/contracts';
import { countMessages, createTestInfrastructure, eventually, MessageCounter, seedIntegration, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { acmeBody, acmeSignature, globexBody, nowSeconds, post } from './webhook-client';

const ENV_ACME_SECRET = 'acme-env-secret-value';
const ENV_GLOBEX_TOKEN = 'globex-env-token-value';
const SECRETS = { acmeA: 'acme-tenant-a-secret', acmeB: 'acme-tenant-b-secret', globexA: 'globex-tenant-a-token', globexB: 'globex-tenant-b-token' };

describe('webhook ingress', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let published: MessageCounter;
  const captured: string[] = [];
  const ids = { acmeA: '', acmeB: '', globexA: '', globexB: '', acmeInactive: '' };

  beforeAll(async () => {
    infra = await createTestInfrastructure('webhooks');
    const env = { ACME_WEBHOOK_SECRET: ENV_ACME_SECRET, GLOBEX_WEBHOOK_TOKEN: ENV_GLOBEX_TOKEN, MAX_BODY_BYTES: '4096', LOG_LEVEL: 'debug' };
    app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, env, {
      logDestination: { write: (chunk: string) => void captured.push(chunk) },
    });
    for (const tenant of ['tn_a', 'tn_b', 'tn_c']) await seedTenant(app.dataSource, tenant, []);
    const seed = (tenant: string, fixture: Parameters<typeof seedIntegration>[3]) => seedIntegration(app.dataSource, app.config, tenant, fixture);
    ids.acmeA = await seed('tn_a', { provider: 'acme', isDefault: true, credentials: { secret: SECRETS.acmeA } });
    ids.globexA = await seed('tn_a', { provider: 'globex', isDefault: true, credentials: { token: SECRETS.globexA } });
    ids.acmeB = await seed('tn_b', { provider: 'acme', credentials: { secret: SECRETS.acmeB } });
    ids.globexB = await seed('tn_b', { provider: 'globex', credentials: { token: SECRETS.globexB } });
    ids.acmeInactive = await seed('tn_c', { provider: 'acme', active: false, credentials: { secret: SECRETS.acmeA } });
    published = await countMessages(infra, Exchanges.events, 'webhook.#');
  });

  afterAll(async () => {
    await published?.close();
    await app?.close();
    await infra?.teardown();
  });

  const acme = (path: string, body: string, secrets: string[], t?: number) =>
    post(`${app.url}/api/v1/webhooks/acme${path}`, body, { 'x-acme-signature': acmeSignature(body, secrets, t) });
  const globex = (path: string, body: string, token: string) => post(`${app.url}/api/v1/webhooks/globex${path}`, body, { 'x-globex-token': token });
  const stored = async (providerEventId: string) =>
    (await app.dataSource.query(
      `SELECT id, tenant_id, type, source, payload, integration_id, raw_snapshot FROM events WHERE provider_event_id = $1 ORDER BY tenant_id`,
      [providerEventId],
    )) as Array<{ id: string; tenant_id: string; type: string; source: string; payload: unknown; integration_id: string; raw_snapshot: { headers: Record<string, unknown>; body: string } }>;

  describe('acme', () => {
    it('accepts a signed delivery to the default integration with 202, stores event and snapshot, and publishes webhook.acme.<type>', async () => {
      const id = `evt_${randomUUID()}`;
      const body = acmeBody(id);
      const answer = await acme('', body, [ENV_ACME_SECRET]);
      expect(answer).toMatchObject({ status: 202, body: { success: true, data: { provider: 'acme', provider_event_id: id, duplicate: false } } });
      const [event] = await stored(id);
      expect(event).toMatchObject({
        id: answer.body.data?.event_id,
        tenant_id: 'tn_a',
        type: 'acme.order.created',
        source: 'acme',
        integration_id: ids.acmeA,
        payload: { subject: 'order/42', data: { total: 10 } },
      });
      expect(event.raw_snapshot.body).toBe(body);
      expect(event.raw_snapshot.headers).toMatchObject({ 'x-acme-signature': '[redacted]', 'content-type': 'application/json' });
      const message = await eventually(async () => published.received.get(event.id), 5000, 'the event on herald.events');
      expect(message).toMatchObject({ routingKey: 'webhook.acme.order.created', headers: { tenant_id: 'tn_a', event_id: event.id } });
    });

    it('refuses a wrong secret, a tampered body, stale and future timestamps and a missing header with 401', async () => {
      const body = acmeBody(`evt_${randomUUID()}`);
      const signature = acmeSignature(body, [ENV_ACME_SECRET]);
      const refused = [
        await acme('', body, ['not-the-secret']),
        await post(`${app.url}/api/v1/webhooks/acme`, body.replace('10', '11'), { 'x-acme-signature': signature }),
        await acme('', body, [ENV_ACME_SECRET], nowSeconds() - 301),
        await acme('', body, [ENV_ACME_SECRET], nowSeconds() + 301),
        await post(`${app.url}/api/v1/webhooks/acme`, body, {}),
      ];
      for (const answer of refused) expect(answer).toMatchObject({ status: 401, body: { success: false, error: { code: 'AUTHENTICATION_REQUIRED' } } });
      expect(await acme('', body, [ENV_ACME_SECRET], nowSeconds() - 290)).toMatchObject({ status: 202 });
    });

    it('accepts two v1 values when one of them is valid (a partner rotating its secret)', async () => {
      expect(await acme('', acmeBody(`evt_${randomUUID()}`), ['the-old-secret', ENV_ACME_SECRET])).toMatchObject({ status: 202 });
    });
  });

  describe('globex', () => {
    it('accepts its token with 202 and refuses a wrong or missing one with 401', async () => {
      const id = `gx_${randomUUID()}`;
      expect(await globex('', globexBody(id), ENV_GLOBEX_TOKEN)).toMatchObject({ status: 202, body: { data: { provider: 'globex', duplicate: false } } });
      expect((await stored(id))[0]).toMatchObject({ tenant_id: 'tn_a', type: 'globex.invoice.paid', integration_id: ids.globexA });
      expect(await globex('', globexBody(`gx_${randomUUID()}`), 'globex-env-token-valuf')).toMatchObject({ status: 401 });
      expect(await post(`${app.url}/api/v1/webhooks/globex`, globexBody(`gx_${randomUUID()}`), {})).toMatchObject({ status: 401 });
    });
  });

  describe('per-integration credentials', () => {
    it("verifies /:provider/:integration_id with that integration's own credentials and refuses another's", async () => {
      const body = acmeBody(`evt_${randomUUID()}`);
      expect(await acme(`/${ids.acmeB}`, body, [SECRETS.acmeA])).toMatchObject({ status: 401 });
      expect(await acme(`/${ids.acmeB}`, body, [ENV_ACME_SECRET])).toMatchObject({ status: 401 });
      expect(await acme(`/${ids.acmeB}`, body, [SECRETS.acmeB])).toMatchObject({ status: 202 });
      expect(await globex(`/${ids.globexB}`, globexBody(`gx_${randomUUID()}`), SECRETS.globexA)).toMatchObject({ status: 401 });
      expect(await globex(`/${ids.globexB}`, globexBody(`gx_${randomUUID()}`), SECRETS.globexB)).toMatchObject({ status: 202 });
    });

    it('makes two events of one provider event id sent to two tenants', async () => {
      const id = `evt_${randomUUID()}`;
      expect(await acme(`/${ids.acmeA}`, acmeBody(id), [SECRETS.acmeA])).toMatchObject({ status: 202 });
      expect(await acme(`/${ids.acmeB}`, acmeBody(id), [SECRETS.acmeB])).toMatchObject({ status: 202 });
      expect((await stored(id)).map((e) => [e.tenant_id, e.integration_id])).toEqual([
        ['tn_a', ids.acmeA],
        ['tn_b', ids.acmeB],
      ]);
    });
  });

  describe('duplicates', () => {
    it('answers a repeated provider event id with 200 and the stored event, enqueuing nothing twice', async () => {
      const id = `evt_${randomUUID()}`;
      const first = await acme('', acmeBody(id), [ENV_ACME_SECRET]);
      const again = await acme('', acmeBody(id), [ENV_ACME_SECRET]);
      const viaId = await acme(`/${ids.acmeA}`, acmeBody(id), [SECRETS.acmeA]);
      expect(first.status).toBe(202);
      for (const answer of [again, viaId]) {
        expect(answer).toMatchObject({ status: 200, body: { data: { event_id: first.body.data?.event_id, duplicate: true } } });
      }
      expect(await stored(id)).toHaveLength(1);
    });

    it('stores one event and publishes it once for 10 concurrent deliveries of one id: one 202, nine 200', async () => {
      const id = `evt_${randomUUID()}`;
      const body = acmeBody(id);
      const answers = await Promise.all(Array.from({ length: 10 }, () => acme('', body, [ENV_ACME_SECRET])));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
      expect(new Set(answers.map((a) => a.body.data?.event_id)).size).toBe(1);
      const events = await stored(id);
      expect(events).toHaveLength(1);
      await eventually(async () => published.received.get(events[0].id), 5000, 'the event on herald.events');
      await new Promise((r) => setTimeout(r, 200));
      expect(published.ids.filter((m) => m === events[0].id)).toHaveLength(1);
    });
  });

  describe('malformed bodies', () => {
    it.each([
      ['an array', '[1,2]'],
      ['a string', '"text"'],
      ['invalid JSON', '{"eventId":'],
      ['an empty body', ''],
      ['a body that is not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])],
    ])('answers %s with 400 VALIDATION_ERROR', async (_what, raw) => {
      const answer = await post(`${app.url}/api/v1/webhooks/acme`, raw, { 'x-acme-signature': acmeSignature(raw, [ENV_ACME_SECRET]) });
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_ERROR' } } });
    });

    it('names every missing or mistyped field', async () => {
      const answer = await acme('', JSON.stringify({ eventType: 7, occurredAt: 'yesterday', data: {} }), [ENV_ACME_SECRET]);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.details.errors?.map((e) => e.path)).toEqual(['eventId', 'eventType', 'occurredAt']);
      const globexAnswer = await globex('', JSON.stringify({ id: 'gx' }), ENV_GLOBEX_TOKEN);
      expect(globexAnswer.body.error?.details.errors?.map((e) => e.path)).toEqual(['type', 'timestamp', 'resource']);
    });

    it('answers a body over MAX_BODY_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
      const body = acmeBody(`evt_${randomUUID()}`, { data: { filler: 'x'.repeat(5000) } });
      expect(await acme('', body, [ENV_ACME_SECRET])).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    });
  });

  describe('unknown targets', () => {
    it('answers an unknown provider, an unknown, inactive or other-provider integration with 404', async () => {
      const body = acmeBody(`evt_${randomUUID()}`);
      const signature = { 'x-acme-signature': acmeSignature(body, [SECRETS.acmeA]) };
      for (const path of ['umbrella', `acme/${randomUUID()}`, 'acme/not-a-uuid', `acme/${ids.acmeInactive}`, `acme/${ids.globexA}`]) {
        const answer = await post(`${app.url}/api/v1/webhooks/${path}`, body, signature);
        expect({ path, status: answer.status, code: answer.body.error?.code }).toEqual({ path, status: 404, code: 'RESOURCE_NOT_FOUND' });
      }
    });
  });

  describe('credentials that cannot be opened', () => {
    it('answers 500 (our fault, the partner retries), never 401, and logs the integration without its credentials', async () => {
      const sealedElsewhere = await seedIntegration(app.dataSource, { integrationCredentialsKey: randomBytes(32) }, 'tn_c', {
        provider: 'globex',
        credentials: { token: SECRETS.globexB },
      });
      const answer = await globex(`/${sealedElsewhere}`, globexBody(`gx_${randomUUID()}`), SECRETS.globexB);
      expect(answer).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL_SERVER_ERROR', message: 'An unexpected error occurred' } } });
      expect(captured.join('')).toContain(`the credentials of integration ${sealedElsewhere} could not be opened`);
    });
  });

  describe('after every delivery above', () => {
    it('never writes a credential or signature into a snapshot or a log line', async () => {
      const snapshots = JSON.stringify(await app.dataSource.query('SELECT raw_snapshot FROM events'));
      const logs = captured.join('');
      expect(logs).toContain('request completed');
      for (const secret of [ENV_ACME_SECRET, ENV_GLOBEX_TOKEN, ...Object.values(SECRETS)]) {
        expect(snapshots).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
      expect(snapshots).not.toMatch(/v1=[0-9a-f]{64}/);
      expect(logs).not.toMatch(/v1=[0-9a-f]{64}/);
    });
  });
});
