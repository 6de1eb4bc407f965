// A versioned message contract: a JSON Schema checked on every consume, so nothing read
// off the wire is trusted as a bare interface.
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

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
    schema: object,
  ) {
    this.validateFn = ajv.compile(schema);
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
