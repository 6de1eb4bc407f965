// Payload schema of the product event `conversation.created` (seed 003): a new customer conversation.
import { defineEventSchema, identifierField, labelField, textField, timestampField } from './payload-schema-fields';

export const conversationCreatedSchemaV1 = defineEventSchema({
  type: 'conversation.created',
  version: 1,
  kind: 'business',
  description: 'A new conversation with a contact was opened at a location.',
  route: { scope: 'ops', roles: ['admin', 'ops'], title: 'Conversation created' },
  required: ['conversation_id'],
  properties: {
    conversation_id: identifierField('Id of the conversation.'),
    location_id: identifierField('Location (business listing) the conversation belongs to.'),
    contact_id: identifierField('Contact who started it.'),
    channel: labelField('Channel, e.g. sms, webchat, google_business_messages, facebook.'),
    subject: textField(200, 'Subject or first line.'),
    created_at: timestampField('When it was opened (RFC 3339).'),
  },
  examples: [
    {
      conversation_id: 'conv_8f2a',
      location_id: 'loc_17',
      contact_id: 'ct_301',
      channel: 'webchat',
      created_at: '2025-11-10T12:00:00Z',
    },
  ],
});
