// Plans (SPEC §3, seed 003) and what each allows: API keys and outbound webhooks need
// `scale` or above. One table of features, so a new gated feature is one line.
import { PlanUpgradeRequiredError } from '@herald/contracts';
import { Plan, PLANS } from '@herald/platform/persistence';

export { Plan, PLANS };

/** The lowest plan that includes each gated feature. */
export const FEATURE_MIN_PLAN = {
  api_keys: 'scale',
  webhooks: 'scale',
} as const satisfies Record<string, Plan>;

export type PlanFeature = keyof typeof FEATURE_MIN_PLAN;

export function planAllows(plan: Plan, feature: PlanFeature): boolean {
  return PLANS.indexOf(plan) >= PLANS.indexOf(FEATURE_MIN_PLAN[feature]);
}

/** 403 PLAN_UPGRADE_REQUIRED unless the plan includes the feature (no plan: an unknown tenant). */
export function assertPlanAllows(plan: Plan | null, feature: PlanFeature): void {
  if (plan === null || !planAllows(plan, feature)) throw new PlanUpgradeRequiredError(FEATURE_MIN_PLAN[feature], plan ?? 'none');
}
