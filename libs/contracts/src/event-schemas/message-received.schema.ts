// Payload schema of the product event `message.received` (seed 003): an inbound message in a conversation.
import { defineEventSchema, identifierField, labelField, textField, timestampField } from './payload-schema-fields';

export const messageReceivedSchemaV1 = defineEventSchema({
  type: 'message.received',
  version: 1,
  kind: 'business',
  description: 'An inbound message arrived in a conversation.',
  route: { scope: 'ops', roles: ['admin', 'ops'], title: 'Message received' },
  required: ['message_id', 'conversation_id'],
  properties: {
    message_id: identifierField('Id of the message.'),
    conversation_id: identifierField('Conversation it belongs to.'),
    location_id: identifierField('Location the conversation belongs to.'),
    contact_id: identifierField('Contact who sent it.'),
    channel: labelField('Channel, e.g. sms, webchat, email.'),
    sender: textField(256, 'Display name or address of the sender.'),
    body: textField(10000, 'Message text.'),
    received_at: timestampField('When it was received (RFC 3339).'),
  },
  examples: [
    {
      message_id: 'msg_551',
      conversation_id: 'conv_8f2a',
      channel: 'sms',
      sender: '+15550100',
      body: 'Hi, are you open on Sunday?',
      received_at: '2025-11-10T12:01:30Z',
    },
  ],
});
