// A versioned message contract: a JSON Schema checked on every consume, so nothing read
// off the wire is trusted as a bare interface.
import { ValidateFunction } from 'ajv';
import { JsonSchema } from '../event-schemas/event-schema.types';
import { compileSchema } from '../schema-validator';

export class MessageContractError extends Error {
  constructor(
    readonly contract: string,
    readonly problems: string[],
  ) {
    super(`message does not match ${contract}: ${problems.join('; ')}`);
    this.name = 'MessageContractError';
  }
}

export class MessageContract<T> {
  private readonly validateFn: ValidateFunction;

  constructor(
    readonly name: string,
    readonly version: number,
    /** The JSON Schema of the body: the wire shape producers are tested against. */
    readonly schema: JsonSchema,
  ) {
    this.validateFn = compileSchema(schema);
  }

  /** Validates a decoded message body; throws MessageContractError when it does not match. */
  parse(body: unknown): T {
    if (!this.validateFn(body)) {
      const problems = (this.validateFn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
      throw new MessageContractError(`${this.name}@v${this.version}`, problems);
    }
    return body as T;
  }
}
