// The batch request's own shape (SPEC §4: `{events: [...]}`, up to 100 events or 1 MiB) and
// its per-index results. Each item is checked by acceptEvent; this file only checks the list.
import { ErrorEnvelope, HeraldError, MalformedRequestError, UnprocessableError } from '@herald/contracts';

export const BATCH_MAX_EVENTS = 100;
/** The batch route's own body limit; every other route keeps MAX_BODY_BYTES. */
export const BATCH_MAX_BODY_BYTES = 1024 * 1024;

export type BatchItemError = ErrorEnvelope['error'] & { status: number };

export type BatchItemResult = { index: number; event_id: string } | { index: number; error: BatchItemError };

export interface BatchAcceptedResponse {
  results: BatchItemResult[];
}

/**
 * The items of a batch body. Not an object or `events` not an array is malformed (400); an
 * empty list or more than BATCH_MAX_EVENTS is well-formed but unacceptable (422), like a
 * payload that fails its schema — the byte limit (413) is the body limit's job.
 */
export function batchItems(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MalformedRequestError('The request is invalid', [{ path: '', message: 'the body must be a JSON object' }]);
  }
  const events = (body as Record<string, unknown>)['events'];
  if (!Array.isArray(events)) {
    throw new MalformedRequestError('The request is invalid', [{ path: 'events', message: events === undefined ? 'is required' : 'must be array' }]);
  }
  if (events.length === 0) {
    throw new UnprocessableError('The batch is empty', [{ path: 'events', message: 'must contain at least 1 event' }]);
  }
  if (events.length > BATCH_MAX_EVENTS) {
    throw new UnprocessableError(`A batch holds at most ${BATCH_MAX_EVENTS} events`, [
      { path: 'events', message: `must contain at most ${BATCH_MAX_EVENTS} events` },
    ]);
  }
  return events;
}

/**
 * What a batch counts against the rate limits (@RateLimitWeight): one per item presented,
 * valid or not. A body the route refuses whole before any work (not an object, `events` not
 * an array, empty, over BATCH_MAX_EVENTS) counts 1, like any other refused request.
 */
export function batchWeight(body: unknown): number {
  const events = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['events'] : undefined;
  return Array.isArray(events) && events.length <= BATCH_MAX_EVENTS ? Math.max(1, events.length) : 1;
}

/** An item's typed error as its result entry; anything else is not the client's to see. */
export function itemError(index: number, err: unknown): BatchItemResult {
  if (!(err instanceof HeraldError)) throw err;
  return { index, error: { code: err.code, message: err.message, details: err.details, status: err.status } };
}
