import { ApiKeySource, authenticateApiKey, generateApiKey, hashApiKeySecret, parseApiKey, StoredApiKey } from './api-key';

const now = new Date('2026-01-15T12:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

function keyFixture(over: Partial<StoredApiKey> = {}) {
  const { key, prefix, hash } = generateApiKey();
  const stored: StoredApiKey = {
    id: 'key_1',
    tenantId: 'tn_a',
    hash,
    scopes: ['events:publish', 'not:a-scope'],
    rateLimit: 1000,
    expiresAt: null,
    revokedAt: null,
    graceUntil: null,
    tenantPlan: 'scale',
    ...over,
  };
  const source: ApiKeySource = { findByPrefix: async (p) => (p === prefix ? stored : null) };
  return { key, prefix, source };
}

describe('parseApiKey', () => {
  it('splits hk_<prefix>_<secret>, where the secret may itself contain _ and -', () => {
    expect(parseApiKey('hk_abcd1234_s3cr3t_with-dash_and_more1')).toEqual({ prefix: 'abcd1234', secret: 's3cr3t_with-dash_and_more1' });
  });

  it('refuses anything else', () => {
    for (const raw of ['', 'hk_', 'hk_abcd1234', 'hk_abcd1234_short', 'pk_abcd1234_aaaaaaaaaaaaaaaaaaaaaaaa', 'hk_ab_aaaaaaaaaaaaaaaaaaaaaaaa', 'hk_abcd1234_aaaaaaaaaaaaaaaaaaaa aaaa']) {
      expect(parseApiKey(raw)).toBeNull();
    }
  });
});

describe('generateApiKey', () => {
  it('makes a key whose prefix parses back and whose secret hashes to what is stored', () => {
    const { key, prefix, hash } = generateApiKey();
    const parsed = parseApiKey(key);
    expect(parsed?.prefix).toBe(prefix);
    expect(hashApiKeySecret(parsed?.secret ?? '')).toBe(hash);
    expect(generateApiKey().key).not.toBe(key);
  });
});

describe('authenticateApiKey', () => {
  it('gives the key its tenant and known scopes, as an api_key principal, with its hourly limit', async () => {
    const { key, source } = keyFixture();
    await expect(authenticateApiKey(source, key, now)).resolves.toEqual({
      principal: { kind: 'api_key', subject: 'key_1', tenant_id: 'tn_a', roles: [], groups: [], scopes: ['events:publish'] },
      rateLimitPerHour: 1000,
    });
  });

  it('refuses a wrong secret, an unknown prefix and a malformed key', async () => {
    const { key, prefix, source } = keyFixture();
    await expect(authenticateApiKey(source, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, now)).resolves.toBeNull();
    await expect(authenticateApiKey(source, key.replace(prefix, 'ffffffffffff'), now)).resolves.toBeNull();
    await expect(authenticateApiKey(source, 'hk_nope', now)).resolves.toBeNull();
  });

  it('refuses a revoked key and one past its expiry or its rotation grace', async () => {
    for (const over of [{ revokedAt: minutes(-1) }, { expiresAt: minutes(-1) }, { expiresAt: now }, { graceUntil: minutes(-1) }]) {
      const { key, source } = keyFixture(over);
      await expect(authenticateApiKey(source, key, now)).resolves.toBeNull();
    }
  });

  it('accepts a key before its expiry and a rotated one within its grace', async () => {
    for (const over of [{ expiresAt: minutes(1) }, { graceUntil: minutes(60) }]) {
      const { key, source } = keyFixture(over);
      await expect(authenticateApiKey(source, key, now)).resolves.not.toBeNull();
    }
  });

  it('answers 403 PLAN_UPGRADE_REQUIRED for a valid key of a tenant whose plan does not include API keys, and takes it back on an upgrade', async () => {
    for (const tenantPlan of ['starter', 'growth', null]) {
      const { key, source } = keyFixture({ tenantPlan });
      await expect(authenticateApiKey(source, key, now)).rejects.toMatchObject({ code: 'PLAN_UPGRADE_REQUIRED', status: 403 });
    }
    for (const tenantPlan of ['scale', 'enterprise']) {
      const { key, source } = keyFixture({ tenantPlan });
      await expect(authenticateApiKey(source, key, now)).resolves.not.toBeNull();
    }
    const { key, source } = keyFixture({ tenantPlan: 'growth', revokedAt: minutes(-1) });
    await expect(authenticateApiKey(source, key, now)).resolves.toBeNull();
  });

  it('does not look a malformed key up at all', async () => {
    const findByPrefix = jest.fn();
    await authenticateApiKey({ findByPrefix }, 'hk_abcd1234_tooshort', now);
    expect(findByPrefix).not.toHaveBeenCalled();
  });
});
