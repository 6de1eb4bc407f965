// Reads a provider payload's fields and collects every problem, so one 400 names all the
// missing or mistyped fields at once (SPEC §2 `details.errors: [{path, message}]`).
import { FieldError, MalformedRequestError } from '@herald/contracts';

const MAX_ID_LENGTH = 256;
// the routing key `webhook.<provider>.<type>` must fit AMQP's 255 bytes with room for the provider
const MAX_TYPE_BYTES = 200;
// a full date and time with an offset: a bare date or a local time would be ambiguous
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export class PayloadFields {
  private readonly errors: FieldError[] = [];

  constructor(
    private readonly provider: string,
    private readonly body: Record<string, unknown>,
  ) {}

  /** A non-empty string of at most 256 characters (ids and types end up in unique keys). */
  requiredString(path: string): string {
    const value = this.body[path];
    if (value === undefined || value === null) return this.fail(path, 'is required', '');
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
      return this.fail(path, `must be a non-empty string of at most ${MAX_ID_LENGTH} characters`, '');
    }
    return value;
  }

  /** A required string that becomes part of the routing key: at most 200 bytes of UTF-8. */
  requiredEventType(path: string): string {
    const value = this.requiredString(path);
    if (Buffer.byteLength(value) > MAX_TYPE_BYTES) return this.fail(path, `must be at most ${MAX_TYPE_BYTES} bytes long`, '');
    return value;
  }

  optionalString(path: string): string | null {
    const value = this.body[path];
    if (value === undefined || value === null) return null;
    return typeof value === 'string' ? value : this.fail(path, 'must be a string', null);
  }

  /** An ISO 8601 date-time with an offset, or (when `epochSeconds`) a number of Unix seconds. */
  requiredTimestamp(path: string, { epochSeconds = false } = {}): Date {
    const value = this.body[path];
    const invalid = new Date(NaN);
    if (value === undefined || value === null) return this.fail(path, 'is required', invalid);
    if (epochSeconds && typeof value === 'number' && Number.isFinite(value) && value >= 0) return new Date(value * 1000);
    if (typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
    const expected = epochSeconds ? 'an ISO 8601 date-time or Unix seconds' : 'an ISO 8601 date-time with an offset';
    return this.fail(path, `must be ${expected}`, invalid);
  }

  requiredObject(path: string): Record<string, unknown> {
    const value = this.body[path];
    if (value === undefined || value === null) return this.fail(path, 'is required', {});
    if (typeof value !== 'object' || Array.isArray(value)) return this.fail(path, 'must be an object', {});
    return value as Record<string, unknown>;
  }

  /** Throws one MalformedRequestError listing every field that failed. */
  assertValid(): void {
    if (this.errors.length === 0) return;
    const paths = this.errors.map((e) => e.path).join(', ');
    throw new MalformedRequestError(`The ${this.provider} payload has missing or invalid fields: ${paths}`, this.errors);
  }

  private fail<T>(path: string, message: string, placeholder: T): T {
    this.errors.push({ path, message });
    return placeholder;
  }
}
