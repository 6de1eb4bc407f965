// Payload schema of the product event `sync.failed` (seed 003): a sync with an integration failed.
import { defineEventSchema, identifierField, labelField, textField, timestampField } from './payload-schema-fields';

export const syncFailedSchemaV1 = defineEventSchema({
  type: 'sync.failed',
  version: 1,
  kind: 'business',
  description: 'A synchronisation with an external integration (listings, reviews, CRM) failed.',
  route: { scope: 'ops', roles: ['admin', 'ops'], title: 'Sync failed' },
  required: ['integration'],
  properties: {
    integration: labelField('Integration that failed, e.g. google_business_profile, facebook.'),
    location_id: identifierField('Location whose data was being synced.'),
    error_code: labelField('Machine-readable failure code, e.g. auth_expired, rate_limited.'),
    error_message: textField(2000, 'Human-readable failure description (no secrets).'),
    retryable: { type: 'boolean', description: 'Whether the sync will be retried automatically.' },
    attempt: { type: 'integer', minimum: 1, description: 'Attempt number that failed.' },
    failed_at: timestampField('When it failed (RFC 3339).'),
  },
  examples: [
    {
      integration: 'google_business_profile',
      location_id: 'loc_17',
      error_code: 'auth_expired',
      error_message: 'OAuth token expired; reconnect the account.',
      retryable: false,
      failed_at: '2025-11-10T03:00:00Z',
      severity: 'high',
    },
  ],
});
