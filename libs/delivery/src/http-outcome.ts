// SPEC §8's rules for an HTTP answer, shared by every channel that speaks HTTP (webhook,
// sms, analytics): any 2xx succeeds; 408, 429 and 5xx retry; 410 fails and disables the
// destination; 3xx fails (redirects are not followed); any other 4xx fails at once.
import { ChannelResponse } from './channel-sender';
import { isDestinationRefused, OutboundResponse } from './outbound-http';

export function httpStatusOutcome(status: number): Pick<ChannelResponse, 'outcome' | 'errorClass' | 'disableDestination'> {
  if (status >= 200 && status < 300) return { outcome: 'success' };
  if (status === 408 || status === 429 || (status >= 500 && status < 600)) return { outcome: 'retry', errorClass: 'http_status' };
  if (status === 410) return { outcome: 'fail', errorClass: 'http_status', disableDestination: true };
  return { outcome: 'fail', errorClass: 'http_status' };
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | undefined, now: Date): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** One HTTP attempt as a channel response: the status by the rules above, or why no answer came. */
export async function httpAttempt(send: () => Promise<OutboundResponse>, signal: AbortSignal): Promise<ChannelResponse> {
  try {
    const res = await send();
    const retryAfter = res.headers['retry-after'];
    return {
      ...httpStatusOutcome(res.status),
      status: res.status,
      responseBody: res.body,
      retryAfterSeconds: retryAfterSeconds(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, new Date()),
    };
  } catch (err) {
    if (signal.aborted) return { outcome: 'retry', errorClass: 'timeout' };
    // a refused address will not become acceptable by waiting: fail without burning the schedule
    if (isDestinationRefused(err)) return { outcome: 'fail', errorClass: 'destination_refused', responseBody: (err as Error).message };
    return { outcome: 'retry', errorClass: 'network', responseBody: (err as Error).message };
  }
}
