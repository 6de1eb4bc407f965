// Building blocks shared by every event payload schema: reusable property shapes, and the
// builder that assembles a definition (with the common fields and the type's alert route).
import { EventKind } from '../messages/topology';
import { COMMON_PAYLOAD_PROPERTIES } from './common-payload-fields';
import { AlertRoute, EventSchemaDefinition, JsonSchema } from './event-schema.types';

export const JSON_SCHEMA_DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export function identifierField(description: string): JsonSchema {
  return { type: 'string', minLength: 1, maxLength: 128, description };
}

/** A short machine-ish label such as a metric name, channel or category. */
export function labelField(description: string): JsonSchema {
  return { type: 'string', minLength: 1, maxLength: 64, description };
}

export function textField(maxLength: number, description: string): JsonSchema {
  return { type: 'string', minLength: 1, maxLength, description };
}

export function timestampField(description: string): JsonSchema {
  return { type: 'string', format: 'date-time', description };
}

export function numberField(description: string, minimum?: number, maximum?: number): JsonSchema {
  return {
    type: 'number',
    description,
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
  };
}

export const CURRENCY_FIELD: JsonSchema = {
  type: 'string',
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 currency code of the amounts; USD when absent.',
};

export const CONTEXT_FIELD: JsonSchema = {
  type: 'object',
  maxProperties: 50,
  description: 'Free-form supporting data (metrics, ids) shown with the alert.',
};

export interface EventSchemaSpec {
  readonly type: string;
  readonly version: number;
  readonly kind: EventKind;
  readonly description: string;
  /** Where the event goes when it names no recipients; required, so no type can forget it. */
  readonly route: AlertRoute;
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, JsonSchema>>;
  /** Valid example payloads; shown in the catalog and usable as sample events. */
  readonly examples: readonly Readonly<Record<string, unknown>>[];
}

/** Assembles an immutable definition; the common fields always win over type-specific ones. */
export function defineEventSchema(spec: EventSchemaSpec): EventSchemaDefinition {
  const schema: JsonSchema = {
    $schema: JSON_SCHEMA_DRAFT_07,
    $id: `urn:herald:event-schema:${spec.type}:v${spec.version}`,
    title: `${spec.type} v${spec.version}`,
    description: spec.description,
    type: 'object',
    required: [...spec.required],
    properties: { ...spec.properties, ...COMMON_PAYLOAD_PROPERTIES },
    additionalProperties: true,
    examples: spec.examples,
  };
  return deepFreeze({
    type: spec.type,
    version: spec.version,
    kind: spec.kind,
    description: spec.description,
    route: structuredClone(spec.route),
    schema: structuredClone(schema),
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
