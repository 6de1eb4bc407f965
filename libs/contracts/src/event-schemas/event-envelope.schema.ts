// The envelope of a published business event (SPEC §4: the body of POST /internal/events
// and each batch item) as a JSON Schema; the registry compiles it beside the payload
// schemas, and the payload inside is checked against its type's own schema.
import { isISO8601 } from 'class-validator';
import { JsonSchema } from './event-schema.types';

export interface PublishedEvent {
  type: string;
  source: string;
  tenant_id?: string | null;
  timestamp: string;
  schema_version?: number | null;
  payload: Record<string, unknown>;
}

export const ISO8601_INSTANT_FORMAT = 'iso8601-instant';

/**
 * A strict ISO 8601 date or date-time (impossible days refused) that names an instant
 * `Date` can read: week, ordinal and basic forms are ISO 8601 but not readable, so they
 * are refused here rather than failing when the event is stored.
 */
export function isIso8601Instant(value: string): boolean {
  return isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value));
}

/** Absent and null are the same for the optional fields. */
export const EVENT_ENVELOPE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type', 'source', 'timestamp', 'payload'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 128 },
    source: { type: 'string', minLength: 1, maxLength: 256 },
    tenant_id: { type: ['string', 'null'] },
    timestamp: { type: 'string', format: ISO8601_INSTANT_FORMAT },
    schema_version: { type: ['integer', 'null'], minimum: 1 },
    payload: { type: 'object' },
  },
};
