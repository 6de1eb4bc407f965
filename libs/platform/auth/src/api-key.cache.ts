// A per-process cache in front of an ApiKeySource (SPEC §3): a hot key costs no database read
// per request, and a change to it (revocation, rotation, expiry) is seen within the TTL on
// every replica — at most 5 s, enforced by config. Unknown prefixes are remembered for a
// shorter time, so a guessed key cannot make every request a query, yet a freshly created key
// is usable within a second. Concurrent misses for one prefix share one lookup. No shared
// invalidation: the TTL alone bounds staleness, which needs no channel between replicas.
import { ApiKeySource, StoredApiKey } from './api-key';

const NEGATIVE_TTL_MS = 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  key: StoredApiKey | null;
  expiresAt: number;
}

export class CachingApiKeySource implements ApiKeySource {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<StoredApiKey | null>>();

  constructor(
    private readonly source: ApiKeySource,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async findByPrefix(prefix: string): Promise<StoredApiKey | null> {
    if (this.ttlMs <= 0) return this.source.findByPrefix(prefix);
    const cached = this.entries.get(prefix);
    if (cached && cached.expiresAt > this.now()) return cached.key;
    const pending = this.inFlight.get(prefix);
    if (pending) return pending;
    const lookup = this.load(prefix).finally(() => this.inFlight.delete(prefix));
    this.inFlight.set(prefix, lookup);
    return lookup;
  }

  private async load(prefix: string): Promise<StoredApiKey | null> {
    const key = await this.source.findByPrefix(prefix);
    this.entries.delete(prefix);
    // Map keeps insertion order, so the first entry is the oldest: a bounded cache without an LRU library
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(prefix, { key, expiresAt: this.now() + (key ? this.ttlMs : Math.min(this.ttlMs, NEGATIVE_TTL_MS)) });
    return key;
  }
}
