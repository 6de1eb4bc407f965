// Plan gating for management's routes (SPEC §3, seed 003); the plans and the feature table
// are the contracts' (shared with the platform's API-key lookup).
import { FEATURE_MIN_PLAN, Plan, PlanFeature, PlanUpgradeRequiredError, planAllows, PLANS } from '@herald/contracts';

export { FEATURE_MIN_PLAN, Plan, PlanFeature, planAllows, PLANS };

/** 403 PLAN_UPGRADE_REQUIRED unless the plan includes the feature (no plan: an unknown tenant). */
export function assertPlanAllows(plan: Plan | null, feature: PlanFeature): void {
  if (plan === null || !planAllows(plan, feature)) throw new PlanUpgradeRequiredError(FEATURE_MIN_PLAN[feature], plan ?? 'none');
}
