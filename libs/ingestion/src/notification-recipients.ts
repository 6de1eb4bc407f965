// The recipients of a notification trigger (SPEC §4, seed 001): `{users?, roles?, groups?, rules?}`
// checked for shape before persistence. A scope field of the wrong JSON type is malformed (400);
// a well-formed scope that names nobody, an empty name or a rule that cannot be matched is
// unprocessable (422), each error naming its path (`recipients.rules[0].op`). Whether named
// users exist is the directory's question, asked by the trigger service.
import { FieldError, MalformedRequestError, RecipientRule, RecipientScope, UnprocessableError, UserId } from '@herald/contracts';

const SCOPE_FIELDS = ['users', 'roles', 'groups', 'rules'] as const;
const RULE_OPS = new Set<RecipientRule['op']>(['eq', 'in', 'contains']);
// one attribute name, no nesting: the resolver reads `attributes[<name>]` directly
const ATTRIBUTE_FIELD = /^attributes\.[A-Za-z0-9_-]+$/;

/** The recipients as stored on the event; throws 400 for wrong JSON types, 422 for invalid content. */
export function parseRecipients(value: unknown): RecipientScope {
  if (value === undefined || value === null) {
    throw invalid([{ path: 'recipients', message: 'is required: name at least one of users, roles, groups, rules' }]);
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedRequestError('The request is invalid', [{ path: 'recipients', message: 'must be object' }]);
  }
  const raw = value as Record<string, unknown>;
  for (const field of SCOPE_FIELDS) {
    if (raw[field] !== undefined && !Array.isArray(raw[field])) {
      throw new MalformedRequestError('The request is invalid', [{ path: `recipients.${field}`, message: 'must be array' }]);
    }
  }
  const scope: RecipientScope = {};
  const errors: FieldError[] = [];
  for (const field of ['users', 'roles', 'groups'] as const) {
    const names = raw[field] as unknown[] | undefined;
    if (!names?.length) continue;
    names.forEach((name, i) => {
      if (typeof name !== 'string' || name.trim().length === 0) errors.push({ path: `recipients.${field}[${i}]`, message: 'must be a non-empty string' });
    });
    scope[field] = names as string[] & UserId[];
  }
  const rules = raw['rules'] as unknown[] | undefined;
  if (rules?.length) {
    rules.forEach((rule, i) => errors.push(...ruleErrors(rule, `recipients.rules[${i}]`)));
    scope.rules = rules as RecipientRule[];
  }
  if (errors.length) throw invalid(errors);
  if (Object.keys(scope).length === 0) {
    throw invalid([{ path: 'recipients', message: 'must name at least one of users, roles, groups, rules' }]);
  }
  return scope;
}

function ruleErrors(rule: unknown, path: string): FieldError[] {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return [{ path, message: 'must be object' }];
  const { field, op, value } = rule as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof field !== 'string' || !(field === 'roles' || field === 'groups' || ATTRIBUTE_FIELD.test(field))) {
    errors.push({ path: `${path}.field`, message: 'must be "roles", "groups" or "attributes.<name>"' });
  }
  if (typeof op !== 'string' || !RULE_OPS.has(op as RecipientRule['op'])) {
    errors.push({ path: `${path}.op`, message: 'must be one of eq, in, contains' });
    return errors;
  }
  const valueError = op === 'in' ? inValueError(value) : scalarValueError(value);
  if (valueError) errors.push({ path: `${path}.value`, message: valueError });
  return errors;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function scalarValueError(value: unknown): string | undefined {
  return isScalar(value) ? undefined : 'must be a string, number or boolean';
}

function inValueError(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return 'must be a non-empty array for op "in"';
  return value.every(isScalar) ? undefined : 'must hold only strings, numbers or booleans';
}

function invalid(errors: FieldError[]): UnprocessableError {
  return new UnprocessableError('The recipients are invalid', errors);
}
