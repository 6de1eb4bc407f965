// PostgreSQL's text and jsonb cannot hold U+0000, so a value carrying it would fail at the
// database as a 500. This pipe refuses it first, naming the field: 422 in a body (as the
// gateway does), 400 in a path or query parameter. Applied to the management controllers.
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, MalformedRequestError, UnprocessableError } from '@herald/contracts';
import { pathOfNul } from '@herald/platform/persistence';

const MESSAGE = 'must not contain the \\u0000 character';

@Injectable()
export class RejectNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value; // the principal, already verified
    const errors = fieldsHoldingNul(value, metadata.data).map((path): FieldError => ({ path, message: MESSAGE }));
    if (errors.length === 0) return value;
    if (metadata.type === 'body') throw new UnprocessableError('The request contains a value that cannot be stored', errors);
    throw new MalformedRequestError('The request is invalid', errors);
  }
}

/** The named parameter, or each top-level field of a body or query, that holds U+0000 anywhere. */
export function fieldsHoldingNul(value: unknown, name?: string): string[] {
  if (name !== undefined || typeof value !== 'object' || value === null) return pathOfNul(value) !== undefined ? [name ?? ''] : [];
  return Object.entries(value).flatMap(([key, item]) => (pathOfNul(key) !== undefined || pathOfNul(item) !== undefined ? [key] : []));
}
