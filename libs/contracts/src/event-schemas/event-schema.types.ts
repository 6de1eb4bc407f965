// Types of the versioned event schema registry: what a schema definition is and what
// validating a payload against it returns.
import { Role } from '../auth/principal';
import { EventKind } from '../messages/topology';

/** A JSON Schema (draft-07) document or fragment, kept as plain JSON data. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

export const ALERT_SCOPES = ['exec', 'ops', 'security', 'finance'] as const;
export type AlertScope = (typeof ALERT_SCOPES)[number];

/** Default alert route of an event type (SPEC §7): its feed scope, who receives it, its title. */
export interface AlertRoute {
  readonly scope: AlertScope;
  /** Directory roles that receive the event when it names no recipients. */
  readonly roles: readonly Role[];
  /** Title of the notification when the payload carries none. */
  readonly title: string;
}

/** One version of one event type's payload schema. */
export interface EventSchemaDefinition {
  /** Canonical event type, e.g. `revenue_impact` or `review.created`. */
  readonly type: string;
  /** Positive integer; a type's versions are independent schemas, the highest is the latest. */
  readonly version: number;
  /** Routing kind (SPEC §6: routing key `<kind>.<type>` on `herald.events`). */
  readonly kind: EventKind;
  /** One line saying what the event reports. */
  readonly description: string;
  /** Default alert route, declared beside the schema so a new type cannot go without one. */
  readonly route: AlertRoute;
  /** JSON Schema draft-07 of the event's `payload` object. */
  readonly schema: JsonSchema;
}

/** Why a payload was rejected: all three map to VALIDATION_ERROR 422 (SPEC §2). */
export type EventSchemaRejectionReason = 'unknown_type' | 'unknown_version' | 'invalid_payload';

/** One problem, addressed from the event body's root, e.g. `payload.impact_amount`. */
export interface EventSchemaFieldError {
  readonly path: string;
  readonly message: string;
}

export type EventSchemaValidationResult =
  | { readonly ok: true; readonly version: number }
  | {
      readonly ok: false;
      readonly reason: EventSchemaRejectionReason;
      readonly errors: EventSchemaFieldError[];
    };

/** One entry of the event-type catalog (management API `GET /event-types`). */
export interface EventTypeCatalogEntry {
  readonly type: string;
  readonly kind: EventKind;
  readonly description: string;
  readonly versions: { readonly version: number; readonly schema: JsonSchema }[];
}
