// Versioned event schema registry: compiles every payload schema once (the shared Ajv, draft-07),
// validates an event's payload by type and schema_version, reporting errors as `payload.<field>`,
// and answers each type's default alert route.
import { ErrorObject, ValidateFunction } from 'ajv';
import { compileSchema } from '../schema-validator';
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

export class EventSchemaRegistry {
  /** type → version → compiled schema; versions kept in ascending order. */
  private readonly schemasByType = new Map<string, Map<number, CompiledEventSchema>>();

  constructor(definitions: readonly EventSchemaDefinition[] = EVENT_SCHEMA_DEFINITIONS) {
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
    }
  }

  has(type: string): boolean {
    return this.schemasByType.has(type);
  }

  /** Highest registered version of the type, or undefined when the type is unknown. */
  latestVersion(type: string): number | undefined {
    const versions = this.schemasByType.get(type);
    if (!versions) return undefined;
    return Math.max(...versions.keys());
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
    const resolvedVersion = version ?? Math.max(...versions.keys());
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
    return reject('invalid_payload', toFieldErrors(compiled.validatePayload.errors ?? []));
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

/** ajv errors → `{path, message}` with paths like `payload.context.bounce_rate` or `payload.items[0]`. */
function toFieldErrors(ajvErrors: readonly ErrorObject[]): EventSchemaFieldError[] {
  const seen = new Set<string>();
  const fieldErrors: EventSchemaFieldError[] = [];
  for (const error of ajvErrors) {
    const fieldError = toFieldError(error);
    const key = `${fieldError.path}\u0000${fieldError.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fieldErrors.push(fieldError);
  }
  return fieldErrors;
}

function toFieldError(error: ErrorObject): EventSchemaFieldError {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') {
    const missing: unknown = error.params['missingProperty'];
    if (typeof missing === 'string') {
      return { path: buildPath([...segments, missing]), message: 'is required' };
    }
  }
  return { path: buildPath(segments), message: error.message ?? 'is invalid' };
}

function buildPath(segments: readonly string[]): string {
  let path = PAYLOAD_ROOT_PATH;
  for (const segment of segments) {
    path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return path;
}

/** The registry with every built-in schema, compiled once at import. */
export const eventSchemaRegistry = new EventSchemaRegistry();
