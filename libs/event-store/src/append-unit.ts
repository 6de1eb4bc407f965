// What one request hands the writer: its events, committed together or not at all, with what
// must commit beside them in the same statement — the request's Idempotency-Key reservation
// (with the answer to replay) and the audit entries of its events.
import { TenantId } from '@herald/contracts';
import { AcceptedEvent } from './accepted-event';

/** The answer a request gave, replayed to a retry with the same Idempotency-Key. */
export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export interface IdempotencyReservation {
  /** The client's Idempotency-Key; the unit's tenant scopes it. */
  key: string;
  /** sha256 (hex) of what the request asked (route and canonical body): the same key with another hash is a reuse. */
  requestHash: string;
  /** What the request answers once its events are stored (event ids are known before the commit). */
  response: StoredResponse;
}

/** An audit entry about one of the unit's events (SPEC §3); written only if that event is stored. */
export interface EventAuditEntry {
  eventId: string;
  requestId: string;
  /** `user:<sub>` or `api_key:<id>`. */
  actor: string;
  action: string;
  /** sha256 (hex) of the canonical payload. */
  fingerprint: string;
}

export interface AppendUnit {
  tenantId: TenantId;
  /** May be empty when only a key is reserved (a batch whose every item was refused). */
  events: AcceptedEvent[];
  idempotency?: IdempotencyReservation;
  audit?: EventAuditEntry[];
}

export interface AppendResult {
  /** The stored event's id: the appended one, or for a duplicate the one stored earlier under the same key. */
  eventId: string;
  duplicate: boolean;
}

/**
 * Stored: one result per event, in order. Replayed: the Idempotency-Key was already used for
 * the same request, nothing was stored, and this is that request's answer. (The same key
 * with another request is an IdempotencyKeyReusedError.)
 */
export type UnitOutcome = { replayed: false; results: AppendResult[] } | { replayed: true; response: StoredResponse };

/** How long an Idempotency-Key answers with its first response (SPEC §4: 24 h). */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;
