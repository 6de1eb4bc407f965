// herald.reports message: the latest use of each API key one replica authenticated since its
// last report (SPEC §3 `last_used_at`). Sent by the access guard's usage recorder, at most
// once per API_KEY_USAGE_REPORT_MS per replica; applied by the management context, the only
// writer of api_keys. A report spans tenants, so each use names its own.
import { TenantId } from '../ids';
import { MessageContract } from './message-contract';

export interface ApiKeyUse {
  api_key_id: string;
  tenant_id: TenantId;
  /** ISO 8601: the latest request this replica authenticated with the key in the interval. */
  last_used_at: string;
}

export interface ApiKeyUsedMessage {
  contract_version: 1;
  /** The replica's app name (`ingestion-gateway`), for diagnosis. */
  reported_by: string;
  reported_at: string;
  uses: ApiKeyUse[];
}

/** Routing key on herald.reports. */
export const API_KEY_USED_ROUTING_KEY = 'api_key.used';

export const ApiKeyUsedContract = new MessageContract<ApiKeyUsedMessage>('api_key.used', 1, {
  type: 'object',
  required: ['contract_version', 'reported_by', 'reported_at', 'uses'],
  properties: {
    contract_version: { const: 1 },
    reported_by: { type: 'string' },
    reported_at: { type: 'string', format: 'date-time' },
    uses: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['api_key_id', 'tenant_id', 'last_used_at'],
        additionalProperties: false,
        properties: {
          api_key_id: { type: 'string', format: 'uuid' },
          tenant_id: { type: 'string', minLength: 1 },
          last_used_at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
});
