// Payload schema of `email_deliverability`: a sending-health metric (bounces, complaints,
// reputation) for a domain, IP or pool, emitted by the SMTP APIs (seed 000 §7).
import { CONTEXT_FIELD, defineEventSchema, labelField, numberField } from './payload-schema-fields';

export const emailDeliverabilitySchemaV1 = defineEventSchema({
  type: 'email_deliverability',
  version: 1,
  kind: 'business',
  description: 'An email deliverability metric (bounce, complaint, reputation) for a domain, IP or pool.',
  route: { scope: 'ops', roles: ['ops', 'support'], title: 'Email deliverability' },
  required: ['metric', 'value'],
  properties: {
    metric: labelField('Metric name, e.g. bounce_rate, complaint_rate, reputation_score, blocklisted.'),
    value: numberField('Observed value; rates are fractions between 0 and 1.'),
    previous_value: numberField('Value in the previous window, for comparison.'),
    threshold: numberField('Threshold that was crossed, if any.'),
    domain: { type: 'string', format: 'hostname', maxLength: 253, description: 'Sending domain.' },
    sending_ip: {
      type: 'string',
      anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }],
      description: 'Sending IP address.',
    },
    ip_pool: labelField('Sending IP pool.'),
    mailbox_provider: labelField('Receiving provider, e.g. gmail, outlook.'),
    window_minutes: { type: 'integer', minimum: 1, maximum: 525600, description: 'Measurement window.' },
    context: CONTEXT_FIELD,
  },
  examples: [
    {
      metric: 'bounce_rate',
      value: 0.08,
      previous_value: 0.01,
      threshold: 0.05,
      domain: 'mail.example.com',
      sending_ip: '192.0.2.10',
      window_minutes: 60,
      severity: 'critical',
      customer_id: 'cus_42',
    },
  ],
});
