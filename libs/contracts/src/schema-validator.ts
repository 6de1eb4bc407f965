// The one Ajv instance of the codebase (draft-07, all errors, formats): message contracts and
// event payload schemas compile with it, so both speak the same JSON Schema dialect and
// formats are registered once.
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ISO8601_INSTANT_FORMAT, isIso8601Instant } from './event-schemas/event-envelope.schema';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat(ISO8601_INSTANT_FORMAT, { type: 'string', validate: isIso8601Instant });

/**
 * Compiles a schema. Ajv caches by the schema object, so compiling the same (frozen)
 * definition again, e.g. from a second registry, returns the same validator. Ajv also keeps
 * a schema's `$id` unique per instance; another object under an `$id` already compiled (a
 * test's own variant of a type) replaces the old entry, whose validator keeps working.
 */
export function compileSchema(schema: object): ValidateFunction {
  const id = (schema as { $id?: unknown }).$id;
  const compiled = typeof id === 'string' ? ajv.getSchema(id) : undefined;
  if (compiled && compiled.schema !== schema) ajv.removeSchema(id as string);
  return ajv.compile(schema);
}
