// Payload schema of `strategic_decision`: a decision taken or needed, for the executive feed.
import {
  CONTEXT_FIELD,
  CURRENCY_FIELD,
  defineEventSchema,
  labelField,
  numberField,
  textField,
  timestampField,
} from './payload-schema-fields';

export const strategicDecisionSchemaV1 = defineEventSchema({
  type: 'strategic_decision',
  version: 1,
  kind: 'business',
  description: 'A strategic decision recorded or requested, with its rationale and expected impact.',
  route: { scope: 'exec', roles: ['exec'], title: 'Strategic decision' },
  required: ['decision_type', 'decision'],
  properties: {
    decision_type: labelField('Category, e.g. pricing_change, market_entry, vendor_selection.'),
    decision: textField(500, 'The decision, in one or two sentences.'),
    rationale: textField(4000, 'Why it was taken.'),
    decided_by: textField(128, 'Person or body that decided.'),
    status: { type: 'string', enum: ['proposed', 'approved', 'rejected', 'implemented'] },
    expected_impact_amount: numberField('Expected financial impact, signed.'),
    currency: CURRENCY_FIELD,
    effective_at: timestampField('When the decision takes effect (RFC 3339).'),
    context: CONTEXT_FIELD,
  },
  examples: [
    {
      decision_type: 'pricing_change',
      decision: 'Move dedicated IPs from the growth plan to scale and above.',
      decided_by: 'exec-committee',
      status: 'approved',
      expected_impact_amount: 25000,
      currency: 'USD',
      effective_at: '2025-12-01T00:00:00Z',
    },
  ],
});
