// What a directory user may be (SPEC §3, §9): an id that travels in tokens and recipient
// lists, roles from the SPEC list, a plausible email, an E.164 phone, named groups, and
// attributes small enough to match rules against. Every problem is named (422).
import { FieldError, MalformedRequestError, ROLES, Role, UnprocessableError, UserId, parseUserId } from '@herald/contracts';
import { DirectoryUserInput } from './directory.repository';
import { PutDirectoryUserDto } from './directory-user.dto';

const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const GROUP = /^[^\s].{0,99}$/;
const MAX_ATTRIBUTES_BYTES = 8192;
const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/** A user id from the path: 1–128 of letters, digits and `._:@-`, else 400 naming `id`. */
export function directoryUserId(id: string): UserId {
  if (!USER_ID.test(id)) {
    throw new MalformedRequestError('The user id is invalid', [{ path: 'id', message: 'must be 1–128 letters, digits or ._:@-' }]);
  }
  return parseUserId(id, 'id');
}

/** The body as a directory entry, or 422 naming every bad field. */
export function checkDirectoryUser(id: UserId, body: PutDirectoryUserDto): DirectoryUserInput {
  const errors: FieldError[] = [];
  if (body.email != null && (body.email.length > 254 || !EMAIL.test(body.email))) errors.push({ path: 'email', message: 'must be an email address' });
  if (body.phone != null && !E164.test(body.phone)) errors.push({ path: 'phone', message: 'must be an E.164 number such as +14155550100' });
  (body.roles ?? []).forEach((role, i) => {
    if (!KNOWN_ROLES.has(role)) errors.push({ path: `roles[${i}]`, message: `must be one of ${ROLES.join(', ')}` });
  });
  (body.groups ?? []).forEach((group, i) => {
    if (!GROUP.test(group)) errors.push({ path: `groups[${i}]`, message: 'must be 1–100 characters, not starting with a space' });
  });
  if (body.attributes && Buffer.byteLength(JSON.stringify(body.attributes)) > MAX_ATTRIBUTES_BYTES) {
    errors.push({ path: 'attributes', message: `must be at most ${MAX_ATTRIBUTES_BYTES} bytes of JSON` });
  }
  if (errors.length > 0) throw new UnprocessableError('The user is invalid', errors);
  return {
    id,
    email: body.email ?? null,
    phone: body.phone ?? null,
    roles: [...new Set(body.roles as Role[] | undefined)],
    groups: [...new Set(body.groups)],
    attributes: body.attributes ?? {},
  };
}
