// The place for a per-principal rate limiter (SPEC §3): the access guard calls it after
// authentication and access checks, sets RateLimit-* on the response (2xx included) and
// answers 429 with Retry-After when it refuses. Nothing provided means no limit and no
// headers; the Redis limiter shared across replicas is the gateway issue's to provide.
import { Principal, RateLimitedError } from '@herald/contracts';

export interface RateLimitRequest {
  principal: Principal;
  /** The API key's own limit per hour, when the caller used a key. */
  apiKeyLimitPerHour?: number;
  method: string;
  /** The route pattern (`/api/v1/internal/events`), so a limiter can pick the routes it limits. */
  route: string;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/**
 * null: this request is not limited (no headers). Provide it from a @Global() module, like
 * API_KEY_SOURCE, so the guard sees it.
 */
export interface RateLimiter {
  consume(request: RateLimitRequest): Promise<RateLimitDecision | null>;
}
export const RATE_LIMITER = Symbol('RATE_LIMITER');

interface HeaderSink {
  header(name: string, value: string): unknown;
}

/** Consumes one request's worth of the limit, sets RateLimit-* and throws RateLimitedError when refused. */
export async function applyRateLimit(limiter: RateLimiter, request: RateLimitRequest, reply: HeaderSink): Promise<void> {
  const decision = await limiter.consume(request);
  if (!decision) return;
  reply.header('RateLimit-Limit', String(decision.limit));
  reply.header('RateLimit-Remaining', String(Math.max(0, decision.remaining)));
  reply.header('RateLimit-Reset', String(decision.resetSeconds));
  if (!decision.allowed) throw new RateLimitedError(Math.max(1, decision.resetSeconds));
}
