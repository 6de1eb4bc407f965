import { Principal } from '@herald/contracts';
import { applyRateLimit, RateLimitDecision, RateLimiter, requestWeight } from './rate-limiter';

const principal: Principal = { kind: 'api_key', subject: 'key_1', tenant_id: 'tn_a', roles: [], groups: [], scopes: [] };
const request = { principal, apiKeyLimitPerHour: 10, method: 'POST', route: '/api/v1/internal/events', weight: 1 };
const limiter = (decision: RateLimitDecision | null): RateLimiter => ({ consume: async () => decision });

function replyRecorder() {
  const headers: Record<string, string> = {};
  return { headers, header: (name: string, value: string) => (headers[name] = value) };
}

describe('applyRateLimit', () => {
  it('sets RateLimit-Limit, -Remaining and -Reset on a request it allows', async () => {
    const reply = replyRecorder();
    await applyRateLimit(limiter({ allowed: true, limit: 10, remaining: 9, resetSeconds: 3600 }), request, reply);
    expect(reply.headers).toEqual({ 'RateLimit-Limit': '10', 'RateLimit-Remaining': '9', 'RateLimit-Reset': '3600' });
  });

  it('sets the headers and throws 429 RATE_LIMITED with the reset as Retry-After when it refuses', async () => {
    const reply = replyRecorder();
    await expect(applyRateLimit(limiter({ allowed: false, limit: 10, remaining: -1, resetSeconds: 42 }), request, reply)).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfterSeconds: 42,
    });
    expect(reply.headers['RateLimit-Remaining']).toBe('0');
  });

  it('sets nothing for a request the limiter does not limit', async () => {
    const reply = replyRecorder();
    await applyRateLimit(limiter(null), request, reply);
    expect(reply.headers).toEqual({});
  });
});

describe('requestWeight', () => {
  it('weighs 1 on a route without a weigher', () => {
    expect(requestWeight(undefined, { events: [1, 2, 3] })).toBe(1);
  });

  it("weighs the weigher's answer for the body, made an integer of at least 1", () => {
    const count = (body: unknown) => (Array.isArray(body) ? body.length : Number.NaN);
    expect(requestWeight(count, [1, 2, 3])).toBe(3);
    expect(requestWeight(count, [])).toBe(1);
    expect(requestWeight(count, 'not a list')).toBe(1);
    expect(requestWeight(() => 2.7, null)).toBe(2);
  });
});
