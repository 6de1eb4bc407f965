// Idempotency-Key (SPEC §4): the header's check, and what identifies a request under a key —
// the operation and the RFC 8785 canonical body, hashed — so the same key with the same
// request replays its answer and with another request is a 409.
import { MalformedRequestError } from '@herald/contracts';
import { canonicalSha256 } from '@herald/platform/persistence';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that is a replay of the key's first answer. */
export const IDEMPOTENCY_REPLAYED_HEADER = 'idempotency-replayed';

/** Printable ASCII without spaces, 1–255 characters (UUIDs, ULIDs and the like). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key, or undefined without one; a malformed or repeated header is 400. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new MalformedRequestError('The Idempotency-Key header is invalid', [
      { path: 'Idempotency-Key', message: 'must be one value of 1 to 255 printable ASCII characters without spaces' },
    ]);
  }
  return header;
}

/** What a key remembers of its request: the operation (route) and the body, canonical, hashed. */
export function requestHash(operation: string, body: unknown): string {
  return canonicalSha256({ operation, body: body ?? null });
}
