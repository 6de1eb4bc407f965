// Versioned event schema registry: compiles the event envelope and every payload schema once
// (the shared Ajv, draft-07); checks an event's envelope, then its payload by type and
// schema_version, reporting errors by field (`timestamp`, `payload.<field>`), and answers
// each type's default alert route.
import { ErrorObject, ValidateFunction } from 'ajv';
import { compileSchema } from '../schema-validator';
import { EVENT_ENVELOPE_SCHEMA, ISO8601_INSTANT_FORMAT, PublishedEvent } from './event-envelope.schema';
import { EVENT_SCHEMA_DEFINITIONS } from './event-schema-definitions';
import {
  AlertRoute,
  EventSchemaDefinition,
  EventSchemaFieldError,
  EventSchemaRejectionReason,
  EventSchemaValidationResult,
  EventTypeCatalogEntry,
} from './event-schema.types';

interface CompiledEventSchema {
  readonly definition: EventSchemaDefinition;
  readonly validatePayload: ValidateFunction;
}

const PAYLOAD_ROOT_PATH = 'payload';

export type EventEnvelopeResult = { readonly ok: true; readonly event: PublishedEvent } | { readonly ok: false; readonly errors: EventSchemaFieldError[] };

export class EventSchemaRegistry {
  /** type → version → compiled schema; versions kept in ascending order. */
  private readonly schemasByType = new Map<string, Map<number, CompiledEventSchema>>();
  private readonly latestByType = new Map<string, number>();
  private readonly validateEnvelope: ValidateFunction;

  constructor(definitions: readonly EventSchemaDefinition[] = EVENT_SCHEMA_DEFINITIONS) {
    this.validateEnvelope = compileSchema(EVENT_ENVELOPE_SCHEMA);
    const ascending = [...definitions].sort((a, b) => a.version - b.version);
    for (const definition of ascending) {
      if (!Number.isInteger(definition.version) || definition.version < 1) {
        throw new Error(`Event schema ${definition.type}: version must be a positive integer`);
      }
      const versions = this.schemasByType.get(definition.type) ?? new Map<number, CompiledEventSchema>();
      if (versions.has(definition.version)) {
        throw new Error(`Event schema ${definition.type} v${definition.version} is registered twice`);
      }
      versions.set(definition.version, { definition, validatePayload: compileSchema(definition.schema) });
      this.schemasByType.set(definition.type, versions);
      this.latestByType.set(definition.type, definition.version);
    }
  }

  has(type: string): boolean {
    return this.schemasByType.has(type);
  }

  /** Highest registered version of the type, or undefined when the type is unknown. */
  latestVersion(type: string): number | undefined {
    return this.latestByType.get(type);
  }

  /**
   * Checks a published event's envelope (SPEC §4). A failure is a malformed request (400:
   * not an object, a missing field, a wrong type), unlike a payload's (422).
   */
  parseEnvelope(body: unknown): EventEnvelopeResult {
    if (this.validateEnvelope(body)) return { ok: true, event: body as PublishedEvent };
    return { ok: false, errors: toFieldErrors(this.validateEnvelope.errors ?? [], '') };
  }

  /** The default alert route declared with the given version (the latest when absent or unknown). */
  alertRoute(type: string, version?: number): AlertRoute | undefined {
    const versions = this.schemasByType.get(type);
    if (!versions) return undefined;
    const compiled = (version === undefined ? undefined : versions.get(version)) ?? versions.get(Math.max(...versions.keys()));
    return compiled?.definition.route;
  }

  /** Validates a payload against the given version, or the latest when version is undefined. */
  validate(type: string, version: number | undefined, payload: unknown): EventSchemaValidationResult {
    const versions = this.schemasByType.get(type);
    if (!versions) {
      return reject('unknown_type', [{ path: 'type', message: `unknown event type '${type}'` }]);
    }
    const resolvedVersion = version ?? (this.latestByType.get(type) as number);
    const compiled = versions.get(resolvedVersion);
    if (!compiled) {
      const known = [...versions.keys()].join(', ');
      return reject('unknown_version', [
        { path: 'schema_version', message: `unknown schema version ${version} for '${type}' (known: ${known})` },
      ]);
    }
    if (compiled.validatePayload(payload)) {
      return { ok: true, version: resolvedVersion };
    }
    return reject('invalid_payload', toFieldErrors(compiled.validatePayload.errors ?? [], PAYLOAD_ROOT_PATH));
  }

  /** Every type with all its versions and schemas, in registration order (GET /event-types). */
  catalog(): EventTypeCatalogEntry[] {
    return [...this.schemasByType.values()].map((versions) => {
      const all = [...versions.values()].map((compiled) => compiled.definition);
      const latest = all[all.length - 1];
      return {
        type: latest.type,
        kind: latest.kind,
        description: latest.description,
        versions: all.map((definition) => ({ version: definition.version, schema: definition.schema })),
      };
    });
  }
}

function reject(
  reason: EventSchemaRejectionReason,
  errors: EventSchemaFieldError[],
): EventSchemaValidationResult {
  return { ok: false, reason, errors };
}

/** ajv errors → `{path, message}` with paths like `payload.context.bounce_rate`, `payload.items[0]` or `timestamp`. */
function toFieldErrors(ajvErrors: readonly ErrorObject[], root: string): EventSchemaFieldError[] {
  const seen = new Set<string>();
  const fieldErrors: EventSchemaFieldError[] = [];
  for (const error of ajvErrors) {
    const fieldError = toFieldError(error, root);
    const key = `${fieldError.path}\u0000${fieldError.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fieldErrors.push(fieldError);
  }
  return fieldErrors;
}

function toFieldError(error: ErrorObject, root: string): EventSchemaFieldError {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') {
    const missing: unknown = error.params['missingProperty'];
    if (typeof missing === 'string') {
      return { path: buildPath(root, [...segments, missing]), message: 'is required' };
    }
  }
  if (error.keyword === 'format' && error.params['format'] === ISO8601_INSTANT_FORMAT) {
    return { path: buildPath(root, segments), message: 'must be an ISO 8601 date-time' };
  }
  if (error.keyword === 'type' && segments.length === 0 && !root) {
    return { path: '', message: 'the body must be a JSON object' };
  }
  if (error.keyword === 'type') {
    // a nullable field says what it must be, not `must be string,null`
    const types = String(error.params['type']).split(',').filter((t) => t !== 'null');
    return { path: buildPath(root, segments), message: `must be ${types.join(' or ')}` };
  }
  return { path: buildPath(root, segments), message: error.message ?? 'is invalid' };
}

function buildPath(root: string, segments: readonly string[]): string {
  let path = root;
  for (const segment of segments) {
    path += /^\d+$/.test(segment) ? `[${segment}]` : path ? `.${segment}` : segment;
  }
  return path;
}

/** The registry with every built-in schema, compiled once at import. */
export const eventSchemaRegistry = new EventSchemaRegistry();
