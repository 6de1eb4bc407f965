// Payload schema of the product event `content.approved` (seed 001): a piece of content was approved.
import { defineEventSchema, identifierField, labelField, timestampField } from './payload-schema-fields';

export const contentApprovedSchemaV1 = defineEventSchema({
  type: 'content.approved',
  version: 1,
  kind: 'business',
  description: 'A piece of content (post, listing update, report) was approved for publication.',
  route: { scope: 'ops', roles: ['admin', 'ops'], title: 'Content approved' },
  required: ['content_id'],
  properties: {
    content_id: identifierField('Id of the approved content.'),
    content_type: labelField('Kind of content, e.g. post, listing_update, report.'),
    approved_by: identifierField('User who approved it.'),
    approved_at: timestampField('When it was approved (RFC 3339).'),
  },
  examples: [{ content_id: '0b8f6d1e-4c7a-4a55-9f0e-2d3c1b7a9e11' }],
});
