import { parseTenantId, Principal } from '@herald/contracts';
import { RequestContext } from '@herald/platform/observability';
import { auditEntry, OPERATOR_ACTOR } from './audit-entry';

const tenant = parseTenantId('tn_a');
const admin: Principal = { kind: 'user', subject: 'u_1', tenant_id: 'tn_a', roles: ['admin'], groups: [], scopes: [] };
const change = { action: 'api_key.created', entityType: 'api_key', entityId: 'k1', payload: { b: 1, a: [1, 'x'] } };

describe('auditEntry', () => {
  it('names the actor as user:<sub>, api_key:<id> or operator', () => {
    expect(auditEntry(admin, tenant, change).actor).toBe('user:u_1');
    expect(auditEntry({ ...admin, kind: 'api_key', subject: 'k9' }, tenant, change).actor).toBe('api_key:k9');
    expect(auditEntry(OPERATOR_ACTOR, tenant, change).actor).toBe('operator');
  });

  it('fingerprints the canonical JSON of the change, so key order does not matter', () => {
    const one = auditEntry(admin, tenant, change).fingerprint;
    const reordered = auditEntry(admin, tenant, { ...change, payload: { a: [1, 'x'], b: 1 } }).fingerprint;
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(reordered).toBe(one);
    expect(auditEntry(admin, tenant, { ...change, payload: { a: [1, 'y'], b: 1 } }).fingerprint).not.toBe(one);
  });

  it('takes the request id of the request being handled', () => {
    const entry = RequestContext.run({ requestId: 'req-42', traceparent: '' }, () => auditEntry(admin, tenant, change));
    expect(entry.requestId).toBe('req-42');
  });
});
