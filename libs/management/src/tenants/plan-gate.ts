// Plan gating at the tenant routes: the caller's tenant must be on a plan that includes the
// feature (SPEC §3), else 403 PLAN_UPGRADE_REQUIRED.
import { Injectable } from '@nestjs/common';
import { TenantId } from '@herald/contracts';
import { assertPlanAllows, PlanFeature } from './plan';
import { TenantRepository } from './tenant.repository';

@Injectable()
export class PlanGate {
  constructor(private readonly tenants: TenantRepository) {}

  async assert(tenantId: TenantId, feature: PlanFeature): Promise<void> {
    assertPlanAllows(await this.tenants.planOf(tenantId), feature);
  }
}
