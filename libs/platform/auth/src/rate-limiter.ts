// The place for a per-principal rate limiter (SPEC §3): the access guard calls it after
// authentication and access checks, sets RateLimit-* on the response (2xx included) and
// answers 429 with Retry-After when it refuses. Nothing provided means no limit and no
// headers; the Redis limiter shared across replicas is the gateway issue's to provide.
// A request counts 1 unless its route weighs it with @RateLimitWeight (a batch counts its items).
import { SetMetadata } from '@nestjs/common';
import { Principal, RateLimitedError } from '@herald/contracts';

export interface RateLimitRequest {
  principal: Principal;
  /** The API key's own limit per hour, when the caller used a key. */
  apiKeyLimitPerHour?: number;
  method: string;
  /** The route pattern (`/api/v1/internal/events`), so a limiter can pick the routes it limits. */
  route: string;
  /** How many requests this one counts as (an integer ≥ 1): all of it is allowed, or none. */
  weight: number;
}

/** A route's weight from its parsed body; whatever it answers is made an integer ≥ 1. */
export type RequestWeigher = (body: unknown) => number;

export const RATE_LIMIT_WEIGHT_KEY = 'herald:rate-limit-weight';

/**
 * Makes a request of this route count `weigh(body)` against the rate limits instead of 1
 * (a batch of N items counts N). The guard runs after the body is parsed, so the weigher
 * sees it as sent, unvalidated: it must accept any value.
 */
export const RateLimitWeight = (weigh: RequestWeigher): MethodDecorator => SetMetadata(RATE_LIMIT_WEIGHT_KEY, weigh);

/** The weight of a request: 1 for a route without a weigher, else its answer as an integer ≥ 1. */
export function requestWeight(weigh: RequestWeigher | undefined, body: unknown): number {
  if (!weigh) return 1;
  const weight = Math.floor(weigh(body));
  return Number.isFinite(weight) && weight >= 1 ? weight : 1;
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

/** Consumes the request's weight of the limit, sets RateLimit-* and throws RateLimitedError when refused. */
export async function applyRateLimit(limiter: RateLimiter, request: RateLimitRequest, reply: HeaderSink): Promise<void> {
  const decision = await limiter.consume(request);
  if (!decision) return;
  reply.header('RateLimit-Limit', String(decision.limit));
  reply.header('RateLimit-Remaining', String(Math.max(0, decision.remaining)));
  reply.header('RateLimit-Reset', String(decision.resetSeconds));
  if (!decision.allowed) throw new RateLimitedError(Math.max(1, decision.resetSeconds));
}
