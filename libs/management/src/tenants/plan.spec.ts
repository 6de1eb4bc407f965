import { ErrorCode } from '@herald/contracts';
import { assertPlanAllows, planAllows, PLANS } from './plan';

describe('plans', () => {
  it('allows API keys and webhooks from scale up', () => {
    expect(PLANS.filter((plan) => planAllows(plan, 'api_keys'))).toEqual(['scale', 'enterprise']);
    expect(PLANS.filter((plan) => planAllows(plan, 'webhooks'))).toEqual(['scale', 'enterprise']);
  });

  it('refuses a lower plan, or no plan, with 403 PLAN_UPGRADE_REQUIRED naming both plans', () => {
    for (const plan of ['growth', null] as const) {
      expect(() => assertPlanAllows(plan, 'api_keys')).toThrow(
        expect.objectContaining({ status: 403, code: ErrorCode.PLAN_UPGRADE_REQUIRED, details: { required_plan: 'scale', current_plan: plan ?? 'none' } }),
      );
    }
    expect(() => assertPlanAllows('enterprise', 'webhooks')).not.toThrow();
  });
});
