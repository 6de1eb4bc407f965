import { ErrorCode, Principal } from '@herald/contracts';
import { assertGrantable, checkNewApiKey } from './api-key.rules';

const now = new Date('2026-11-25T12:00:00Z');
const body = (overrides: object) => ({ name: 'ci', scopes: ['events:publish'], ...overrides });
const admin: Principal = { kind: 'user', subject: 'u', tenant_id: 'tn', roles: ['admin'], groups: [], scopes: [] };
const managingKey: Principal = { kind: 'api_key', subject: 'k', tenant_id: 'tn', roles: [], groups: [], scopes: ['keys:manage', 'events:publish'] };

describe('API key rules', () => {
  it('accepts SPEC scopes, once each', () => {
    expect(checkNewApiKey(body({ scopes: ['events:publish', 'keys:manage', 'events:publish'] }), now)).toEqual(['events:publish', 'keys:manage']);
  });

  it('answers 422 naming each unknown scope, an empty list and a past expiry', () => {
    expect(() => checkNewApiKey(body({ scopes: ['events:publish', 'admin'], expires_at: '2026-11-25T11:00:00Z' }), now)).toThrow(
      expect.objectContaining({
        status: 422,
        code: ErrorCode.VALIDATION_ERROR,
        details: {
          errors: [
            { path: 'scopes[1]', message: "unknown scope 'admin'" },
            { path: 'expires_at', message: 'must be in the future' },
          ],
        },
      }),
    );
    expect(() => checkNewApiKey(body({ scopes: [] }), now)).toThrow(
      expect.objectContaining({ details: { errors: [{ path: 'scopes', message: expect.stringContaining('at least one') }] } }),
    );
  });

  it('lets a user grant any scope and a key only the scopes it holds', () => {
    expect(() => assertGrantable(admin, ['alerts:publish'])).not.toThrow();
    expect(() => assertGrantable(managingKey, ['events:publish'])).not.toThrow();
    expect(() => assertGrantable(managingKey, ['events:publish', 'alerts:publish'])).toThrow(
      expect.objectContaining({ status: 403, code: ErrorCode.INSUFFICIENT_PERMISSIONS, details: { scopes: ['alerts:publish'] } }),
    );
  });
});
