// Tenant isolation at the edge: a body's tenant_id that differs from the caller's is 403.
import { InsufficientPermissionsError, Principal, TenantId, tenantIdOf } from '@herald/contracts';

export function resolveTenant(principal: Principal, bodyTenantId: unknown): TenantId {
  if (bodyTenantId !== undefined && bodyTenantId !== null && bodyTenantId !== principal.tenant_id) {
    throw new InsufficientPermissionsError('tenant_id does not match the caller\'s tenant', { field: 'tenant_id' });
  }
  return tenantIdOf(principal);
}
