// Plans (SPEC §3, seed 003) and what each allows: API keys and outbound webhooks need `scale`
// or above. One table of gated features, shared by management (which refuses to create what a
// plan does not allow) and the platform's API-key lookup (which refuses the keys of a tenant
// whose plan no longer allows them, and takes them back after an upgrade).
export const PLANS = ['starter', 'growth', 'scale', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

/** The lowest plan that includes each gated feature. */
export const FEATURE_MIN_PLAN = {
  api_keys: 'scale',
  webhooks: 'scale',
} as const satisfies Record<string, Plan>;

export type PlanFeature = keyof typeof FEATURE_MIN_PLAN;

/** Does the plan include the feature? An unknown plan includes nothing. */
export function planAllows(plan: string, feature: PlanFeature): boolean {
  const rank = PLANS.indexOf(plan as Plan);
  return rank !== -1 && rank >= PLANS.indexOf(FEATURE_MIN_PLAN[feature]);
}
