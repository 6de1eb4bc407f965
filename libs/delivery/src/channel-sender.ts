// The one interface a delivery channel implements (SPEC §8): send one attempt of a job and
// say what happened, in terms the worker's retry rules decide on. Destinations and their
// credentials come from the subscription, integration or directory row, never from config.
import { DeliveryChannel } from '@herald/contracts';

export interface DeliveryJob {
  deliveryId: string;
  tenantId: string;
  eventId: string;
  channel: DeliveryChannel;
  /** 1 for the first attempt. */
  attempt: number;
  /** Where to, as the worker resolved it: a URL, an email address, a phone number, a PostHog distinct id. */
  destination: string;
  payload: Record<string, unknown>;
}

export interface SendContext {
  /** Aborted at the per-attempt timeout; a sender passes it to its I/O and stops when it fires. */
  signal: AbortSignal;
  /** The credentials of the row the job targets, e.g. `{ secret: 'whsec_…' }` for a webhook subscription. */
  credentials: Readonly<Record<string, string>>;
}

/** success: done. retry: try again on the schedule. fail: no further attempt (SPEC §8). */
export type AttemptOutcome = 'success' | 'retry' | 'fail';

export type AttemptErrorClass =
  | 'http_status' // the destination answered with a status that is not success
  | 'smtp_status' // the SMTP server answered with a 4xx (retried) or 5xx (final) reply code
  | 'network' // DNS, refused or reset connection, TLS
  | 'timeout' // the per-attempt timeout fired (the retry waits at least 60 s)
  | 'destination_refused' // the SSRF guard refused the address
  | 'destination_unavailable' // the subscription was deleted or disabled, or its kind is not delivered: nothing was sent
  | 'destination_paused' // a subscription test whose endpoint is disabled (410, days of failure): nothing was sent
  | 'sender_error'; // the sender threw: a bug or an unexpected failure, retried

export interface ChannelResponse {
  outcome: AttemptOutcome;
  /** HTTP status, or the provider's status code for non-HTTP channels. */
  status?: number;
  errorClass?: AttemptErrorClass;
  responseBody?: string;
  /** From the destination's Retry-After; the schedule honours it within 1×–2× its own delay. */
  retryAfterSeconds?: number;
  /** The destination is gone (410): its subscription is disabled. */
  disableDestination?: boolean;
}

/** What the worker records for every attempt. */
export interface DeliveryAttempt extends ChannelResponse {
  channel: DeliveryChannel;
  latencyMs: number;
}

export interface ChannelSender {
  readonly channel: DeliveryChannel;
  /**
   * False when the service it sends through is not configured (e.g. no SMTP_URL): the
   * registry leaves the channel out, so the worker neither binds its jobs nor claims them.
   */
  readonly configured?: boolean;
  /** Classifies its own failures; a throw is recorded as a `sender_error` retry. */
  send(job: DeliveryJob, context: SendContext): Promise<ChannelResponse>;
}
