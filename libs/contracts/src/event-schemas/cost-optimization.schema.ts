// Payload schema of `cost_optimization`: a saving found or made, and where.
import {
  CONTEXT_FIELD,
  CURRENCY_FIELD,
  defineEventSchema,
  labelField,
  numberField,
  textField,
} from './payload-schema-fields';

export const costOptimizationSchemaV1 = defineEventSchema({
  type: 'cost_optimization',
  version: 1,
  kind: 'business',
  description: 'A cost saving identified or realised, with its estimated amount.',
  route: { scope: 'finance', roles: ['finance', 'exec'], title: 'Cost optimization' },
  required: ['optimization_type', 'estimated_savings'],
  properties: {
    optimization_type: labelField('Kind of saving, e.g. idle_ip_pool, plan_downgrade, provider_switch.'),
    estimated_savings: numberField('Estimated saving per period, in currency units.'),
    currency: CURRENCY_FIELD,
    current_cost: numberField('Cost per period before the change.', 0),
    projected_cost: numberField('Cost per period after the change.', 0),
    period: labelField('Period the amounts cover, e.g. monthly.'),
    resource: textField(256, 'Resource or service the saving concerns.'),
    recommendation: textField(2000, 'What to do to realise the saving.'),
    context: CONTEXT_FIELD,
  },
  examples: [
    {
      optimization_type: 'idle_ip_pool',
      estimated_savings: 1200,
      currency: 'USD',
      current_cost: 4800,
      period: 'monthly',
      recommendation: 'Release 3 dedicated IPs unused for 30 days.',
      severity: 'medium',
    },
  ],
});
