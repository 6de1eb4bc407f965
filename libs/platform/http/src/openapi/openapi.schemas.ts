// The SPEC §2 envelopes and the security schemes as OpenAPI components, shared by every app's
// document (libs/contracts/src/envelope.ts and errors/ are the types they describe).
import type { ReferenceObject, SchemaObject, SecuritySchemeObject } from '@nestjs/swagger';
import { ErrorCode } from '@herald/contracts';

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

export const ENVELOPE_SCHEMAS: Record<string, SchemaObject> = {
  ResponseMeta: {
    type: 'object',
    required: ['request_id'],
    properties: { request_id: { type: 'string', description: 'The `x-request-id` of the request (taken or generated).' } },
    additionalProperties: true,
  },
  PageMeta: {
    allOf: [
      ref('ResponseMeta'),
      {
        type: 'object',
        required: ['page', 'page_size', 'total'],
        properties: {
          page: { type: 'integer', minimum: 1 },
          page_size: { type: 'integer', minimum: 1, maximum: 100 },
          total: { type: 'integer', minimum: 0 },
          next_cursor: { type: 'string', nullable: true, description: 'Cursor-paged lists only (the notification feed).' },
        },
      },
    ],
  },
  SuccessEnvelope: {
    type: 'object',
    required: ['success', 'data', 'meta'],
    properties: { success: { type: 'boolean', enum: [true] }, data: {}, meta: ref('ResponseMeta') },
  },
  FieldError: {
    type: 'object',
    required: ['path', 'message'],
    properties: { path: { type: 'string' }, message: { type: 'string' } },
  },
  ErrorEnvelope: {
    type: 'object',
    required: ['success', 'error'],
    properties: {
      success: { type: 'boolean', enum: [false] },
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: {
          code: { type: 'string', enum: Object.values(ErrorCode) },
          message: { type: 'string', description: 'Safe to show; never a stack trace, SQL, broker or provider error.' },
          details: {
            type: 'object',
            additionalProperties: true,
            properties: { errors: { type: 'array', items: ref('FieldError'), description: 'VALIDATION_ERROR: each failing field.' } },
          },
        },
      },
      meta: ref('ResponseMeta'),
    },
  },
};

export const SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  bearerJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A tenant user JWT (SPEC §3).' },
  bearerApiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'hk_…', description: 'A tenant API key (`hk_…`, SPEC §3): the public API.' },
  operatorKey: { type: 'apiKey', in: 'header', name: 'x-internal-api-key', description: 'The operator key (MANAGEMENT_API_KEY).' },
  accessTokenQuery: { type: 'apiKey', in: 'query', name: 'access_token', description: 'JWT or API key in the query: the live stream only (EventSource).' },
};

/** `{success: true, data, meta}` with this route's `data` (a list of it when paged). */
export function successEnvelope(data: SchemaObject | ReferenceObject, paged: boolean): SchemaObject {
  return {
    allOf: [
      ref('SuccessEnvelope'),
      { type: 'object', properties: { data: paged ? { type: 'array', items: data } : data, meta: ref(paged ? 'PageMeta' : 'ResponseMeta') } },
    ],
  };
}

/** `{success: false, error}` narrowed to the codes a status stands for on this route. */
export function errorEnvelope(codes: ErrorCode[]): SchemaObject {
  return {
    allOf: [ref('ErrorEnvelope'), { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', enum: codes } } } } }],
  };
}

/**
 * A JSON Schema (draft-07 style, as libs/contracts/src/event-schemas writes them) as an
 * OpenAPI 3.0 schema: `type: [t, 'null']` becomes `nullable`, `const` a one-value enum,
 * custom formats and `$schema`/`$id` are dropped.
 */
export function toOpenApiSchema(schema: unknown): SchemaObject {
  if (typeof schema !== 'object' || schema === null) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === '$schema' || key === '$id' || key === '$comment') continue;
    if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t) => t !== 'null');
      if (types.length === 1) out['type'] = types[0];
      if (types.length !== value.length) out['nullable'] = true;
    } else if (key === 'const') {
      out['enum'] = [value];
    } else if (key === 'format' && typeof value === 'string' && !STANDARD_FORMATS.has(value)) {
      out['format'] = value === 'iso8601-instant' ? 'date-time' : undefined;
    } else if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toOpenApiSchema(v)]));
    } else if (key === 'items' || key === 'not' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toOpenApiSchema(value);
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      out[key] = (value as unknown[]).map(toOpenApiSchema);
    } else {
      out[key] = value;
    }
  }
  if (out['format'] === undefined) delete out['format'];
  return out as SchemaObject;
}

const STANDARD_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'hostname', 'ipv4', 'ipv6', 'int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'uri-reference']);
