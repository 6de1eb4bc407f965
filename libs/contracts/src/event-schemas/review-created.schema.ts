// Payload schema of the product event `review.created` (seed 003): a new review of a location.
import {
  defineEventSchema,
  identifierField,
  labelField,
  numberField,
  textField,
  timestampField,
} from './payload-schema-fields';

export const reviewCreatedSchemaV1 = defineEventSchema({
  type: 'review.created',
  version: 1,
  kind: 'business',
  description: 'A new review was posted about a location on a review platform.',
  route: { scope: 'ops', roles: ['admin', 'ops'], title: 'Review created' },
  required: ['review_id'],
  properties: {
    review_id: identifierField('Id of the review.'),
    location_id: identifierField('Location reviewed.'),
    platform: labelField('Review platform, e.g. google, facebook, yelp.'),
    rating: numberField('Star rating from 1 to 5, when the platform has one.', 1, 5),
    author_name: textField(200, 'Reviewer display name.'),
    text: textField(10000, 'Review text.'),
    review_url: { type: 'string', format: 'uri', maxLength: 2048, description: 'Link to the review.' },
    created_at: timestampField('When it was posted (RFC 3339).'),
  },
  examples: [
    {
      review_id: 'rev_902',
      location_id: 'loc_17',
      platform: 'google',
      rating: 2,
      author_name: 'Sam P.',
      text: 'Waited 40 minutes past my appointment.',
      created_at: '2025-11-10T09:15:00Z',
      severity: 'medium',
    },
  ],
});
