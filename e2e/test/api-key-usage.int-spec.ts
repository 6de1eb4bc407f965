// API keys' last_used_at (SPEC §3) kept current without a write per request: the gateway's
// guard notes each use in memory and reports the latest use of each key by message, every
// API_KEY_USAGE_REPORT_MS and at shutdown; the management API (owner of api_keys) applies it.
import { Exchanges } from '@herald/contracts';
import { countMessages, createTestInfrastructure, eventually, MessageCounter, seedApiKey, seedTenant, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { startGateway, startManagementApi } from './stack';

const TENANT = 'tn_usage';

describe('API-key usage reporting', () => {
  let infra: TestInfrastructure;
  let management: TestApp;
  let reports: MessageCounter;

  beforeAll(async () => {
    infra = await createTestInfrastructure('api_key_usage');
    management = await startManagementApi(infra);
    await seedTenant(management.dataSource, TENANT, []);
    reports = await countMessages(infra, Exchanges.reports, 'api_key.used');
  });

  afterAll(async () => {
    await reports?.close();
    await management?.close();
    await infra?.teardown();
  });

  /** Publishes one event with the key; returns when the request started and ended (epoch ms). */
  async function useKey(gateway: TestApp, key: string): Promise<{ started: number; ended: number }> {
    const started = Date.now();
    const res = await fetch(`${gateway.url}/api/v1/internal/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ type: 'resource_usage', source: 'usage-test', timestamp: new Date().toISOString(), payload: { resource_type: 'cpu', usage: 1 } }),
    });
    expect(res.status).toBe(202);
    return { started, ended: Date.now() };
  }

  const lastUsedAt = async (id: string): Promise<Date | null> =>
    ((await management.dataSource.query('SELECT last_used_at FROM api_keys WHERE id = $1', [id])) as Array<{ last_used_at: Date | null }>)[0].last_used_at;

  it('writes nothing per request, then sets last_used_at to the last use from one report sent at shutdown', async () => {
    const gateway = await startGateway(infra, { API_KEY_USAGE_REPORT_MS: '3600000' });
    const { id, key } = await seedApiKey(management.dataSource, TENANT, { scopes: ['events:publish'] });
    const before = reports.ids.length;
    let last = { started: 0, ended: 0 };
    for (let i = 0; i < 5; i++) last = await useKey(gateway, key);

    await new Promise((r) => setTimeout(r, 300));
    expect(await lastUsedAt(id)).toBeNull();
    expect(reports.ids.length).toBe(before);

    await gateway.close();
    const used = await eventually(async () => (await lastUsedAt(id)) ?? undefined, 5000, 'last_used_at set');
    expect(used.getTime()).toBeGreaterThanOrEqual(last.started);
    expect(used.getTime()).toBeLessThanOrEqual(last.ended);
    expect(reports.ids.length - before).toBe(1);
  });

  it('reports every API_KEY_USAGE_REPORT_MS, one message for many uses of several keys, and nothing for an idle interval', async () => {
    const intervalMs = 500;
    const gateway = await startGateway(infra, { API_KEY_USAGE_REPORT_MS: String(intervalMs) });
    try {
      const keyA = await seedApiKey(management.dataSource, TENANT, { scopes: ['events:publish'] });
      const keyB = await seedApiKey(management.dataSource, TENANT, { scopes: ['events:publish'] });
      const before = reports.ids.length;
      let lastA = { started: 0, ended: 0 };
      const firstStarted = Date.now();
      for (let i = 0; i < 10; i++) {
        lastA = await useKey(gateway, keyA.key);
        if (i % 3 === 0) await useKey(gateway, keyB.key);
      }

      const usedA = await eventually(async () => (await lastUsedAt(keyA.id)) ?? undefined, 5000, 'key A last_used_at set');
      expect(usedA.getTime()).toBeGreaterThanOrEqual(lastA.started);
      expect(usedA.getTime()).toBeLessThanOrEqual(lastA.ended);
      expect(await lastUsedAt(keyB.id)).not.toBeNull();
      // 14 requests, at most one report per interval they spanned (plus the one after the last)
      await new Promise((r) => setTimeout(r, 200));
      const sent = reports.ids.length - before;
      expect(sent).toBeGreaterThanOrEqual(1);
      expect(sent).toBeLessThanOrEqual(1 + Math.ceil((lastA.ended - firstStarted) / intervalMs));
      expect(sent).toBeLessThan(14);

      await new Promise((r) => setTimeout(r, 3 * intervalMs));
      expect(reports.ids.length - before).toBe(sent);
    } finally {
      await gateway.close();
    }
  });
});
