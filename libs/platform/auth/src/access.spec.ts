import { Principal } from '@herald/contracts';
import { assertAccess, constantTimeEquals } from './access.guard';
import { principalFromClaims } from './jwt.strategy';
import { resolveTenant } from './tenant-scope';

const exp = Math.floor(Date.now() / 1000) + 60;
const user = (over: Partial<Principal> = {}): Principal => ({
  kind: 'user',
  subject: 'u1',
  tenant_id: 'tn_a',
  roles: [],
  groups: [],
  scopes: [],
  ...over,
});

describe('principalFromClaims', () => {
  it('maps SPEC §3 claims to a principal, dropping unknown roles and scopes', () => {
    expect(
      principalFromClaims({ sub: 'u1', tenant_id: 'tn_a', roles: ['exec', 'wizard'], groups: ['g'], scope: 'events:publish made:up', exp }),
    ).toEqual({ kind: 'user', subject: 'u1', tenant_id: 'tn_a', roles: ['exec'], groups: ['g'], scopes: ['events:publish'] });
  });

  it('refuses tokens without exp, sub or tenant_id, or with malformed roles', () => {
    expect(principalFromClaims({ sub: 'u1', tenant_id: 'tn_a' })).toBeNull();
    expect(principalFromClaims({ tenant_id: 'tn_a', exp })).toBeNull();
    expect(principalFromClaims({ sub: 'u1', exp })).toBeNull();
    expect(principalFromClaims({ sub: 'u1', tenant_id: 'tn_a', roles: 'exec', exp })).toBeNull();
    expect(principalFromClaims({ sub: 'u1', tenant_id: 'tn_a', scope: ['events:publish'], exp })).toBeNull();
  });
});

describe('assertAccess', () => {
  it('requires every listed scope', () => {
    expect(() => assertAccess(user({ scopes: ['events:publish'] }), { scopes: ['events:publish'] })).not.toThrow();
    expect(() => assertAccess(user(), { scopes: ['events:publish'] })).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_PERMISSIONS', status: 403 }));
  });

  it('lets any role stand in for the scope when the route allows it, but not an API key', () => {
    expect(() => assertAccess(user({ roles: ['ops'] }), { scopes: ['notifications:read'], orRoles: 'any' })).not.toThrow();
    expect(() => assertAccess(user({ kind: 'api_key', roles: ['ops'] }), { scopes: ['notifications:read'], orRoles: 'any' })).toThrow();
  });

  it('requires every listed role', () => {
    expect(() => assertAccess(user({ roles: ['exec'] }), { roles: ['admin'] })).toThrow(expect.objectContaining({ status: 403 }));
  });
});

describe('tenant scope and secrets', () => {
  it('refuses a body tenant_id that is not the caller\'s', () => {
    expect(resolveTenant(user(), undefined)).toBe('tn_a');
    expect(resolveTenant(user(), 'tn_a')).toBe('tn_a');
    expect(() => resolveTenant(user(), 'tn_b')).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('compares secrets of different lengths without throwing', () => {
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
  });
});
