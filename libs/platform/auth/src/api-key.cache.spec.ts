import { ApiKeySource, StoredApiKey } from './api-key';
import { CachingApiKeySource } from './api-key.cache';

const stored: StoredApiKey = { id: 'k1', tenantId: 'tn_a', hash: 'ab', scopes: [], rateLimit: 1000, expiresAt: null, revokedAt: null, graceUntil: null, tenantPlan: 'scale' };

function fixture(ttlMs: number, known: Record<string, StoredApiKey> = { pfx1: stored }) {
  let now = 1_000_000;
  const source: ApiKeySource & { calls: number } = {
    calls: 0,
    async findByPrefix(prefix) {
      this.calls++;
      return known[prefix] ?? null;
    },
  };
  const cache = new CachingApiKeySource(source, ttlMs, () => now);
  return { source, cache, advance: (ms: number) => (now += ms) };
}

describe('CachingApiKeySource', () => {
  it('answers a hot key from memory until the TTL passes, then looks it up again', async () => {
    const { source, cache, advance } = fixture(5000);
    for (let i = 0; i < 10; i++) expect(await cache.findByPrefix('pfx1')).toBe(stored);
    expect(source.calls).toBe(1);
    advance(4999);
    await cache.findByPrefix('pfx1');
    expect(source.calls).toBe(1);
    advance(1);
    await cache.findByPrefix('pfx1');
    expect(source.calls).toBe(2);
  });

  it('remembers an unknown prefix for at most a second', async () => {
    const { source, cache, advance } = fixture(5000);
    expect(await cache.findByPrefix('nope')).toBeNull();
    expect(await cache.findByPrefix('nope')).toBeNull();
    expect(source.calls).toBe(1);
    advance(1000);
    await cache.findByPrefix('nope');
    expect(source.calls).toBe(2);
  });

  it('shares one lookup between concurrent misses of a prefix', async () => {
    const { source, cache } = fixture(5000);
    await Promise.all([cache.findByPrefix('pfx1'), cache.findByPrefix('pfx1'), cache.findByPrefix('pfx1')]);
    expect(source.calls).toBe(1);
  });

  it('passes every call through with a TTL of 0', async () => {
    const { source, cache } = fixture(0);
    await cache.findByPrefix('pfx1');
    await cache.findByPrefix('pfx1');
    expect(source.calls).toBe(2);
  });
});
