// The few OpenAPI decorators a Herald route carries; everything else (security, auth errors,
// the envelope around every response) is derived from the access and envelope metadata the
// routes already have, when the document is built (openapi.document.ts). Metadata only: no
// per-request work.
//   @ApiEnvelope(Dto | schema, { paged, statuses })  what `data` holds in the success envelope
//   @ApiErrors(404, ErrorCode.CONFLICT, …)           the route's own error statuses / codes
import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiExtraModels } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from '@herald/contracts';

export const OPENAPI_DATA_KEY = 'herald:openapi:data';
export const OPENAPI_ERRORS_KEY = 'herald:openapi:errors';

export interface EnvelopeData {
  /** A DTO class (described by its @ApiProperty / class-validator metadata) or a schema. */
  data?: Type<unknown> | SchemaObject;
  /** `data` is a list of it and `meta` carries page, page_size, total (SPEC §2). */
  paged?: boolean;
  /** Success statuses when the route answers more than its default one (e.g. 200 or 201). */
  statuses?: number[];
  description?: string;
}

/** What the route's success envelope carries in `data` (wrapped as `{success, data, meta}`). */
export function ApiEnvelope(data?: Type<unknown> | SchemaObject, options: Omit<EnvelopeData, 'data'> = {}): MethodDecorator {
  const models = typeof data === 'function' ? [ApiExtraModels(data)] : [];
  return applyDecorators(SetMetadata(OPENAPI_DATA_KEY, { data, ...options } satisfies EnvelopeData), ...models);
}

/**
 * The route's own failures: a status stands for every SPEC §2 code with that status (422 for
 * VALIDATION_ERROR's semantic failures), a code for itself. Authentication (401), permission
 * (403), rate-limit (429), bad input (400), too large (413) and 500 are added from the route's
 * metadata; list here what only the route knows (404, 409, 422, 503, PLAN_UPGRADE_REQUIRED…).
 */
export function ApiErrors(...errors: Array<number | ErrorCode>): MethodDecorator & ClassDecorator {
  return SetMetadata(OPENAPI_ERRORS_KEY, errors);
}

/** status → the error codes it stands for. */
export function errorCodesByStatus(errors: Array<number | ErrorCode>): Map<number, Set<ErrorCode>> {
  const out = new Map<number, Set<ErrorCode>>();
  const add = (status: number, code: ErrorCode) => {
    const codes = out.get(status) ?? new Set<ErrorCode>();
    codes.add(code);
    out.set(status, codes);
  };
  for (const error of errors) {
    if (typeof error === 'string') {
      add(ERROR_STATUS[error], error);
      continue;
    }
    if (error === 422) {
      add(422, ErrorCode.VALIDATION_ERROR);
      continue;
    }
    const codes = (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => ERROR_STATUS[code] === error);
    if (codes.length === 0) throw new Error(`@ApiErrors(${error}): no SPEC §2 error code has that status`);
    for (const code of codes) add(error, code);
  }
  return out;
}
