// SPEC §8's retry rules after one attempt: success ends the delivery; a `fail` outcome
// (3xx, 4xx other than 408/429, a refused destination) fails it at once; a `retry` waits the
// schedule's delay for this attempt with ±20 % jitter, moved into 1×–2× of that delay by a
// Retry-After, and at least the floor after a timeout or a 429; past the last delay the
// delivery fails. Attempts = delays + 1 (the first goes out at once).
import { ChannelResponse } from './channel-sender';

export interface RetryPolicy {
  /** Delay before attempt n + 1, in seconds (DELIVERY_RETRY_SCHEDULE). */
  scheduleSeconds: readonly number[];
  /** Least wait after a timeout or a 429 (DELIVERY_RETRY_FLOOR_SECONDS, 60 by default). */
  floorSeconds: number;
}

export type AttemptDecision =
  | { kind: 'succeeded' }
  | { kind: 'failed'; reason: string }
  | { kind: 'retry'; delaySeconds: number };

export const JITTER = 0.2;

/** `attempt` is the 1-based number of the attempt that produced `response`; `random` in [0, 1). */
export function decideAfterAttempt(
  attempt: number,
  response: Pick<ChannelResponse, 'outcome' | 'status' | 'errorClass' | 'retryAfterSeconds' | 'responseBody'>,
  policy: RetryPolicy,
  random: () => number = Math.random,
): AttemptDecision {
  if (response.outcome === 'success') return { kind: 'succeeded' };
  if (response.outcome === 'fail') return { kind: 'failed', reason: describe(response) };
  const scheduled = policy.scheduleSeconds[attempt - 1];
  if (scheduled === undefined) return { kind: 'failed', reason: `${describe(response)}; no attempt left after ${attempt}` };
  const jittered = scheduled * (1 - JITTER + 2 * JITTER * random());
  let delay = jittered;
  if (response.retryAfterSeconds !== undefined) delay = Math.min(Math.max(response.retryAfterSeconds, jittered), 2 * jittered);
  if (response.errorClass === 'timeout' || response.status === 429) delay = Math.max(delay, policy.floorSeconds);
  return { kind: 'retry', delaySeconds: delay };
}

/** `http_status 404`, or the error class with what the sender said (a network error, why a destination is unavailable). */
function describe(response: Pick<ChannelResponse, 'status' | 'errorClass' | 'responseBody'>): string {
  if (response.status !== undefined) return `${response.errorClass ?? 'http_status'} ${response.status}`;
  const detail = response.responseBody ? `: ${response.responseBody.slice(0, 200)}` : '';
  return `${response.errorClass ?? 'unknown'}${detail}`;
}
