// Typed ids: parsing at the edges, and (checked by `tsc`, which compiles spec files) a
// TenantId and a UserId that cannot stand in for each other or for a bare string.
import { Principal } from './auth/principal';
import { parseTenantId, parseUserId, TenantId, tenantIdOf, UserId, userIdOf } from './ids';

const principal: Principal = { kind: 'user', subject: 'u1', tenant_id: 'tn_a', roles: [], groups: [], scopes: [] };

/** Stands for any tenant-scoped repository method: the tenant first, then the user. */
function tenantScoped(tenantId: TenantId, userId: UserId): string {
  return `${tenantId}/${userId}`;
}

describe('typed ids', () => {
  it('takes the tenant and the user from a verified principal', () => {
    expect(tenantScoped(tenantIdOf(principal), userIdOf(principal))).toBe('tn_a/u1');
  });

  it('parses ids from untrusted input and answers 400 with the field path otherwise', () => {
    expect(parseTenantId('tn_a')).toBe('tn_a');
    expect(parseUserId('u1')).toBe('u1');
    for (const bad of ['', undefined, null, 7, {}]) {
      expect(() => parseTenantId(bad)).toThrow(
        expect.objectContaining({ status: 400, details: { errors: [{ path: 'tenant_id', message: 'must be a non-empty string' }] } }),
      );
      expect(() => parseUserId(bad, 'recipients.users[0]')).toThrow(expect.objectContaining({ status: 400 }));
    }
  });

  it('does not compile a swapped or bare-string id (type-level; tsc checks the expect-error lines)', () => {
    const tenant = parseTenantId('tn_a');
    const user = parseUserId('u1');
    // @ts-expect-error a UserId is not a TenantId, nor a TenantId a UserId
    const swapped = () => tenantScoped(user, tenant);
    // @ts-expect-error a bare string is not a TenantId
    const bare = () => tenantScoped('tn_a', user);
    expect([typeof swapped, typeof bare]).toEqual(['function', 'function']);
  });
});
