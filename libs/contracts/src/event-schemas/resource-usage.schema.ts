// Payload schema of `resource_usage`: consumption of a metered resource against its limit.
import { CONTEXT_FIELD, defineEventSchema, labelField, numberField, timestampField } from './payload-schema-fields';

export const resourceUsageSchemaV1 = defineEventSchema({
  type: 'resource_usage',
  version: 1,
  kind: 'business',
  description: 'Consumption of a metered resource (sends, API calls, storage) against its limit.',
  route: { scope: 'ops', roles: ['ops'], title: 'Resource usage' },
  required: ['resource_type', 'usage'],
  properties: {
    resource_type: labelField('Resource, e.g. email_sends, api_requests, storage_gb.'),
    usage: numberField('Amount used in the period.', 0),
    limit: numberField('Allowed amount in the period.', 0),
    unit: labelField('Unit of usage and limit, e.g. messages, requests, GB.'),
    utilization: numberField('usage / limit as a fraction; above 1 means over the limit.', 0),
    period_start: timestampField('Start of the measured period (RFC 3339).'),
    period_end: timestampField('End of the measured period (RFC 3339).'),
    context: CONTEXT_FIELD,
  },
  examples: [
    {
      resource_type: 'email_sends',
      usage: 92000,
      limit: 100000,
      unit: 'messages',
      utilization: 0.92,
      period_start: '2025-11-01T00:00:00Z',
      period_end: '2025-11-30T23:59:59Z',
      severity: 'medium',
    },
  ],
});
