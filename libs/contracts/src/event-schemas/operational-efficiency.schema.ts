// Payload schema of `operational_efficiency`: an operational metric against its baseline or target.
import { CONTEXT_FIELD, defineEventSchema, labelField, numberField, textField } from './payload-schema-fields';

export const operationalEfficiencySchemaV1 = defineEventSchema({
  type: 'operational_efficiency',
  version: 1,
  kind: 'business',
  description: 'An operational metric (throughput, latency, backlog) compared with its baseline.',
  route: { scope: 'ops', roles: ['ops'], title: 'Operational efficiency' },
  required: ['metric', 'value'],
  properties: {
    metric: labelField('Metric name, e.g. queue_processing_latency_ms, tickets_per_agent.'),
    value: numberField('Observed value.'),
    baseline: numberField('Usual value for comparison.'),
    target: numberField('Target value.'),
    unit: labelField('Unit of value, baseline and target, e.g. ms, percent.'),
    process: textField(256, 'Process or team the metric belongs to.'),
    period: labelField('Window the value covers, e.g. 1h, daily.'),
    context: CONTEXT_FIELD,
  },
  examples: [
    {
      metric: 'queue_processing_latency_ms',
      value: 4200,
      baseline: 800,
      unit: 'ms',
      process: 'email_dispatch',
      severity: 'high',
    },
  ],
});
