// The fields every event payload may carry, whatever its type (severity, customer_id, title,
// summary): their JSON Schema fragments, defined here once, and the TypeScript type and the
// reader derived from those fragments.
import { compileSchema } from '../schema-validator';

export const SEVERITY_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type EventSeverity = (typeof SEVERITY_LEVELS)[number];

/** Merged into every payload schema; they win over a type's own property of the same name. */
export const COMMON_PAYLOAD_PROPERTIES = {
  severity: {
    type: 'string',
    enum: SEVERITY_LEVELS,
    description: 'Alert severity; high and critical also need the alerts:publish scope.',
  },
  customer_id: {
    type: 'string',
    minLength: 1,
    maxLength: 128,
    description: 'Customer the event concerns; notifications can be filtered by it.',
  },
  title: {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    description: "Headline of the alert; the type's default title when absent.",
  },
  summary: {
    type: 'string',
    minLength: 1,
    maxLength: 500,
    description: 'One-sentence human explanation, shown under the title.',
  },
} as const;

type FieldValue<Fragment> = Fragment extends { readonly enum: readonly (infer Value)[] }
  ? Value
  : Fragment extends { readonly type: 'string' }
    ? string
    : never;

type CommonFragments = typeof COMMON_PAYLOAD_PROPERTIES;

/** `{ severity?: EventSeverity; customer_id?: string; title?: string; summary?: string }`. */
export type CommonPayloadFields = { readonly [Name in keyof CommonFragments]?: FieldValue<CommonFragments[Name]> };

const FIELD_VALIDATORS = Object.entries(COMMON_PAYLOAD_PROPERTIES).map(
  ([name, fragment]) => [name, compileSchema(fragment)] as const,
);

/**
 * The common fields of a payload that match their fragment; a field that does not (possible
 * only in a payload no event schema checked, such as a provider's webhook) is left out.
 */
export function commonPayloadFields(payload: Readonly<Record<string, unknown>>): CommonPayloadFields {
  const fields: Record<string, unknown> = {};
  for (const [name, isValid] of FIELD_VALIDATORS) {
    if (payload[name] !== undefined && isValid(payload[name])) fields[name] = payload[name];
  }
  return fields as CommonPayloadFields;
}
