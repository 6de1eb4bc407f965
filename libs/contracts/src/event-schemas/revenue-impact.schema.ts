// Payload schema of `revenue_impact` (seed 000 §2.1): a gain or loss of revenue and its cause.
import {
  CONTEXT_FIELD,
  CURRENCY_FIELD,
  defineEventSchema,
  labelField,
  numberField,
} from './payload-schema-fields';

export const revenueImpactSchemaV1 = defineEventSchema({
  type: 'revenue_impact',
  version: 1,
  kind: 'business',
  description: 'Revenue gained or put at risk, with its cause (e.g. a deliverability drop).',
  route: { scope: 'exec', roles: ['exec', 'finance'], title: 'Revenue impact' },
  required: ['impact_amount', 'impact_type'],
  properties: {
    impact_amount: numberField('Signed amount; negative is revenue lost or at risk.'),
    impact_type: labelField('Cause of the impact, e.g. deliverability_drop, churn_risk, upsell.'),
    currency: CURRENCY_FIELD,
    context: CONTEXT_FIELD,
  },
  examples: [
    {
      impact_amount: -350.0,
      impact_type: 'deliverability_drop',
      context: { bounce_rate: 0.08, previous_bounce_rate: 0.01 },
      severity: 'high',
    },
  ],
});
