// Typed ids (STYLE "Ids are typed"): a TenantId and a UserId are strings the compiler tells
// apart, so a repository call that forgets the tenant, or passes a user id where the tenant
// goes, does not compile. They are made at the edges only: from a verified principal, from
// a message or request field (parsed), and in test factories.
import { Principal } from './auth/principal';
import { MalformedRequestError } from './errors/herald-errors';

declare const idBrand: unique symbol;
type Branded<Kind extends string> = string & { readonly [idBrand]: Kind };

export type TenantId = Branded<'TenantId'>;
export type UserId = Branded<'UserId'>;

/** A tenant id from untrusted input (a message, a body, a path): a non-empty string, else 400. */
export function parseTenantId(value: unknown, path = 'tenant_id'): TenantId {
  return parseId<TenantId>(value, path);
}

/** A user id from untrusted input: a non-empty string, else 400. */
export function parseUserId(value: unknown, path = 'user_id'): UserId {
  return parseId<UserId>(value, path);
}

/** The caller's tenant; the principal's claims were checked when it was built. */
export function tenantIdOf(principal: Principal): TenantId {
  return principal.tenant_id as TenantId;
}

/** The caller as a directory user: a JWT's `sub` (an API key's id sees no user's items). */
export function userIdOf(principal: Principal): UserId {
  return principal.subject as UserId;
}

function parseId<Id extends string>(value: unknown, path: string): Id {
  if (typeof value !== 'string' || value.length === 0) {
    throw new MalformedRequestError(`${path} must be a non-empty string`, [{ path, message: 'must be a non-empty string' }]);
  }
  return value as Id;
}
