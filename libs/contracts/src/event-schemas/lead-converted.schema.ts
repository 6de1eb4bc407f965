// Payload schema of the product event `lead.converted` (seed 003): a lead became a customer.
import {
  CURRENCY_FIELD,
  defineEventSchema,
  identifierField,
  labelField,
  numberField,
  timestampField,
} from './payload-schema-fields';

export const leadConvertedSchemaV1 = defineEventSchema({
  type: 'lead.converted',
  version: 1,
  kind: 'business',
  description: 'A lead was converted into a customer or booking.',
  route: { scope: 'ops', roles: ['admin', 'ops'], title: 'Lead converted' },
  required: ['lead_id'],
  properties: {
    lead_id: identifierField('Id of the lead.'),
    contact_id: identifierField('Contact the lead belongs to.'),
    location_id: identifierField('Location that won the lead.'),
    source: labelField('Where the lead came from, e.g. webchat, google, referral.'),
    value: numberField('Value of the conversion, in currency units.', 0),
    currency: CURRENCY_FIELD,
    converted_at: timestampField('When it converted (RFC 3339).'),
  },
  examples: [
    {
      lead_id: 'lead_77',
      contact_id: 'ct_301',
      location_id: 'loc_17',
      source: 'webchat',
      value: 180,
      currency: 'USD',
      converted_at: '2025-11-10T15:45:00Z',
    },
  ],
});
