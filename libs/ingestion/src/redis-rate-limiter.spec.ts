import { Principal } from '@herald/contracts';
import { bucketFor, windowOf } from './redis-rate-limiter';

const user: Principal = { kind: 'user', subject: 'svc', tenant_id: 'tn_a', roles: [], groups: [], scopes: [] };
const key: Principal = { ...user, kind: 'api_key', subject: 'key_1' };

describe('bucketFor', () => {
  it("limits an API key by its own hourly limit on every route", () => {
    expect(bucketFor({ principal: key, apiKeyLimitPerHour: 7, method: 'GET', route: '/x', weight: 1 }, 100)).toEqual({ key: 'herald:rl:key:key_1', limit: 7 });
  });

  it('limits a JWT principal on POST routes only, per tenant and subject', () => {
    expect(bucketFor({ principal: user, method: 'POST', route: '/api/v1/internal/events', weight: 1 }, 100)).toEqual({ key: 'herald:rl:principal:tn_a:svc', limit: 100 });
    expect(bucketFor({ principal: user, method: 'GET', route: '/api/v1/x', weight: 1 }, 100)).toBeNull();
  });
});

describe('windowOf', () => {
  it('gives an hour-long window containing now, the same on every call within it', () => {
    const now = Date.UTC(2026, 10, 25, 14, 0, 0);
    const w = windowOf('herald:rl:key:key_1', now);
    expect(w.end - w.start).toBe(3_600_000);
    expect(w.start).toBeLessThanOrEqual(now);
    expect(w.end).toBeGreaterThan(now);
    expect(windowOf('herald:rl:key:key_1', w.start)).toEqual(w);
    expect(windowOf('herald:rl:key:key_1', w.end)).toEqual({ start: w.end, end: w.end + 3_600_000 });
  });
});
