// herald.events message: an accepted event (gateway or ingress), published by the outbox relay.
// Its ids are typed: the contract's parse on consume is the edge that makes them.
import { TenantId, UserId } from '../ids';
import { EventKind } from './topology';
import { MessageContract } from './message-contract';

export interface RecipientRule {
  field: string;
  op: 'eq' | 'in' | 'contains';
  value: unknown;
}

export interface RecipientScope {
  users?: UserId[];
  roles?: string[];
  groups?: string[];
  rules?: RecipientRule[];
}

export interface EventAcceptedMessage {
  contract_version: 1;
  event_id: string;
  tenant_id: TenantId;
  kind: EventKind;
  type: string;
  source: string;
  schema_version: number;
  occurred_at: string;
  received_at: string;
  payload: Record<string, unknown>;
  recipients?: RecipientScope;
  customer_id?: string | null;
}

export const EventAcceptedContract = new MessageContract<EventAcceptedMessage>('event.accepted', 1, {
  type: 'object',
  required: ['contract_version', 'event_id', 'tenant_id', 'kind', 'type', 'source', 'schema_version', 'occurred_at', 'received_at', 'payload'],
  properties: {
    contract_version: { const: 1 },
    event_id: { type: 'string', format: 'uuid' },
    tenant_id: { type: 'string', minLength: 1 },
    kind: { enum: ['business', 'notification', 'webhook'] },
    type: { type: 'string', minLength: 1 },
    source: { type: 'string' },
    schema_version: { type: 'integer', minimum: 1 },
    occurred_at: { type: 'string' },
    received_at: { type: 'string' },
    payload: { type: 'object' },
    recipients: {
      type: 'object',
      properties: {
        users: { type: 'array', items: { type: 'string' } },
        roles: { type: 'array', items: { type: 'string' } },
        groups: { type: 'array', items: { type: 'string' } },
        rules: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'op'],
            properties: { field: { type: 'string' }, op: { enum: ['eq', 'in', 'contains'] } },
          },
        },
      },
    },
    customer_id: { type: ['string', 'null'] },
  },
});
