// A tenant's alert rules (SPEC §7, §9): overrides of the default routing declared beside each
// event type. The management API validates them (`PUT /alert-rules`) and sends them, whole
// and versioned, to their owner — the notifications context — as an `alert_rules.replace`
// command on herald.reports; the notification service applies a version once and never goes
// back to an older one.
import { Role } from '../auth/principal';
import { EventSeverity, SEVERITY_LEVELS } from '../event-schemas/common-payload-fields';
import { ALERT_SCOPES, AlertScope } from '../event-schemas/event-schema.types';
import { TenantId } from '../ids';
import { MessageContract } from '../messages/message-contract';

/** Bounds of one rule set (422 beyond them; the body limit answers 413 first). */
export const ALERT_RULE_LIMITS = { rules: 100, roles: 10, actions: 5, title: 200, summary: 1000, label: 100, url: 2048 } as const;

export interface AlertAction {
  label: string;
  url: string;
}

/**
 * One override: events of `event_type` (and, when `severities` is set, of one of those
 * severities) go to `scope` and the directory users holding one of `roles`. `title` and
 * `summary` are templates (`{{field}}` from the payload, `{{type}}`, `{{severity}}`,
 * `{{event_id}}`) used when the payload carries none; `actions` are the feed item's links.
 * The first enabled rule that matches wins; none → the type's default.
 */
export interface AlertRule {
  event_type: string;
  severities: EventSeverity[] | null;
  scope: AlertScope;
  roles: Role[];
  title: string | null;
  summary: string | null;
  actions: AlertAction[];
  enabled: boolean;
}

export interface AlertRulesReplaceMessage {
  contract_version: 1;
  tenant_id: TenantId;
  /** Increasing per tenant (a management sequence); an older or equal version than the applied one is ignored. */
  version: number;
  rules: AlertRule[];
  requested_by: string;
  requested_at: string;
  request_id: string;
}

/** Routing key on herald.reports (the exchange of messages to a table's owner). */
export const ALERT_RULES_REPLACE_ROUTING_KEY = 'alert_rules.replace';

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });

export const AlertRulesReplaceContract = new MessageContract<AlertRulesReplaceMessage>('alert_rules.replace', 1, {
  type: 'object',
  required: ['contract_version', 'tenant_id', 'version', 'rules', 'requested_by', 'requested_at', 'request_id'],
  properties: {
    contract_version: { const: 1 },
    tenant_id: { type: 'string', minLength: 1 },
    version: { type: 'integer', minimum: 1 },
    requested_by: { type: 'string' },
    requested_at: { type: 'string', format: 'date-time' },
    request_id: { type: 'string' },
    rules: {
      type: 'array',
      maxItems: ALERT_RULE_LIMITS.rules,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['event_type', 'severities', 'scope', 'roles', 'title', 'summary', 'actions', 'enabled'],
        properties: {
          event_type: text(200),
          severities: { anyOf: [{ type: 'null' }, { type: 'array', minItems: 1, items: { enum: [...SEVERITY_LEVELS] } }] },
          scope: { enum: [...ALERT_SCOPES] },
          roles: { type: 'array', maxItems: ALERT_RULE_LIMITS.roles, items: { type: 'string' } },
          title: { anyOf: [{ type: 'null' }, text(ALERT_RULE_LIMITS.title)] },
          summary: { anyOf: [{ type: 'null' }, text(ALERT_RULE_LIMITS.summary)] },
          actions: {
            type: 'array',
            maxItems: ALERT_RULE_LIMITS.actions,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['label', 'url'],
              properties: { label: text(ALERT_RULE_LIMITS.label), url: text(ALERT_RULE_LIMITS.url) },
            },
          },
          enabled: { type: 'boolean' },
        },
      },
    },
  },
});
