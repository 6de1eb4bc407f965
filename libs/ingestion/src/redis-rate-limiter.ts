// The gateway's rate limiter (SPEC §3), shared by every replica through Redis: an API key is
// limited to its own `rate_limit` per hour on every route, a JWT principal to
// RATE_LIMIT_PER_PRINCIPAL_PER_HOUR on publish (POST) routes. Fixed one-hour windows, one
// atomic check-and-INCRBY (+ PEXPIRE on the first hit) per request in a Lua script: one round
// trip and one small key per principal, where a sliding log would store a member per request.
// A request counts its weight (a batch of N: N), all or nothing: one that does not fit in
// what is left is refused and spends nothing, so a smaller one may still pass. A window
// starts at an offset derived from the principal, so every producer's reset does not fall on
// the same instant. Redis slow or away → the request proceeds unlimited (fail open), counted
// in herald_rate_limit_unavailable_total and logged at most once a minute: producers must not
// lose events because of a cache.
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { RateLimitDecision, RateLimiter, RateLimitRequest } from '@herald/platform/auth';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger, Metrics, withTimeout } from '@herald/platform/observability';
import { REDIS } from '@herald/platform/persistence';

const HOUR_MS = 3_600_000;
/** Keys outlive their window a little, so a replica whose clock runs behind still finds the count. */
const EXPIRY_SLACK_MS = 60_000;
const LOG_EVERY_MS = 60_000;

/** KEYS[1] window counter; ARGV: expiry ms, weight, limit. Returns {count after, 1 allowed | 0 refused}. */
const SPEND_IN_WINDOW = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local weight = tonumber(ARGV[2])
if used + weight > tonumber(ARGV[3]) then return {used, 0} end
used = redis.call('INCRBY', KEYS[1], weight)
if used == weight then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {used, 1}`;

interface RateLimitRedis {
  heraldRateLimitSpend(key: string, expiryMs: number, weight: number, limit: number): Promise<[number, number]>;
}

export interface RateLimitBucket {
  key: string;
  limit: number;
}

/** Which counter a request spends, or null when the route is not limited for this principal. */
export function bucketFor(request: RateLimitRequest, perPrincipalPerHour: number): RateLimitBucket | null {
  const { principal } = request;
  if (request.apiKeyLimitPerHour !== undefined) {
    return { key: `herald:rl:key:${principal.subject}`, limit: request.apiKeyLimitPerHour };
  }
  if (request.method !== 'POST') return null;
  return { key: `herald:rl:principal:${principal.tenant_id}:${principal.subject}`, limit: perPrincipalPerHour };
}

/** The window containing `now` for a bucket: its start (shifted per bucket) and end. */
export function windowOf(bucketKey: string, now: number): { start: number; end: number } {
  const offset = createHash('sha1').update(bucketKey).digest().readUInt32BE(0) % HOUR_MS;
  const start = Math.floor((now - offset) / HOUR_MS) * HOUR_MS + offset;
  return { start, end: start + HOUR_MS };
}

@Injectable()
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: RateLimitRedis;
  private lastLoggedAt = 0;
  private suppressed = 0;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly metrics: Metrics,
  ) {
    redis.defineCommand('heraldRateLimitSpend', { numberOfKeys: 1, lua: SPEND_IN_WINDOW });
    this.redis = redis as unknown as RateLimitRedis;
  }

  async consume(request: RateLimitRequest): Promise<RateLimitDecision | null> {
    const bucket = bucketFor(request, this.config.rateLimit.perPrincipalPerHour);
    if (!bucket) return null;
    const now = Date.now();
    const window = windowOf(bucket.key, now);
    let used: number;
    let allowed: number;
    try {
      const counting = this.redis.heraldRateLimitSpend(`${bucket.key}:${window.start}`, window.end - now + EXPIRY_SLACK_MS, request.weight, bucket.limit);
      [used, allowed] = await withTimeout(counting, this.config.rateLimit.redisTimeoutMs, 'rate limit count timed out');
    } catch (err) {
      this.failOpen(err);
      return null;
    }
    return {
      allowed: allowed === 1,
      limit: bucket.limit,
      remaining: bucket.limit - used,
      resetSeconds: Math.max(1, Math.ceil((window.end - now) / 1000)),
    };
  }

  private failOpen(err: unknown): void {
    this.metrics.rateLimitUnavailable.inc();
    const now = Date.now();
    if (now - this.lastLoggedAt < LOG_EVERY_MS) {
      this.suppressed++;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    this.logger.warn({ err: message, suppressed: this.suppressed }, 'rate limiter unavailable; requests proceed unlimited');
    this.lastLoggedAt = now;
    this.suppressed = 0;
  }
}
