// Alert routing (SPEC §7): which scope, recipient roles, title, summary and actions an event's
// notification gets. A tenant's own rules (alert_rules, set through the management API's
// `PUT /alert-rules`) come first: the first enabled rule of the event's type whose severities
// take the event's severity (or that names none). Otherwise the route each event type
// declares beside its schema in the contracts' registry; a type no schema registers
// (notification triggers, provider webhooks) goes to admins and ops under a title made from
// its name. One indexed read per event, none per recipient.
import { Injectable } from '@nestjs/common';
import { AlertAction, AlertRoute, commonPayloadFields, EventAcceptedMessage, EventSchemaRegistry, eventSchemaRegistry } from '@herald/contracts';
import { AlertRuleRepository, StoredAlertRule } from './alert-rules/alert-rule.repository';
import { renderTemplate, renderUrl, TemplateValues } from './alert-rules/alert-template';

const FALLBACK_ROLES = ['admin', 'ops'] as const;

/** The default route of a type (no tenant rule): declared beside its schema, or the fallback. */
export function routeFor(type: string, schemaVersion?: number, registry: EventSchemaRegistry = eventSchemaRegistry): AlertRoute {
  return (
    registry.alertRoute(type, schemaVersion) ?? {
      scope: 'ops',
      roles: FALLBACK_ROLES,
      title: type.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
    }
  );
}

/** The route of one event: the title and summary are used when the payload carries none. */
export interface EventRoute extends AlertRoute {
  summary?: string;
  actions: AlertAction[];
  /** `tenant_rule` when one of the tenant's rules matched, else `default`. */
  source: 'tenant_rule' | 'default';
}

/** The severity routing and preferences use: the payload's, `medium` when it names none. */
export function severityOf(event: EventAcceptedMessage): string {
  return commonPayloadFields(event.payload).severity ?? 'medium';
}

export function matchingRule(rules: readonly StoredAlertRule[], severity: string): StoredAlertRule | undefined {
  return rules.find((rule) => rule.severities === null || (rule.severities as readonly string[]).includes(severity));
}

@Injectable()
export class AlertRouting {
  constructor(private readonly rules: AlertRuleRepository) {}

  async routeFor(event: EventAcceptedMessage): Promise<EventRoute> {
    const fallback = routeFor(event.type, event.schema_version);
    const severity = severityOf(event);
    const rule = matchingRule(await this.rules.forType(event.tenant_id, event.type), severity);
    if (!rule) return { ...fallback, actions: [], source: 'default' };
    const values: TemplateValues = { type: event.type, severity, event_id: event.event_id, customer_id: event.customer_id ?? null, payload: event.payload };
    return {
      scope: rule.scope,
      roles: rule.roles,
      title: rule.title === null ? fallback.title : renderTemplate(rule.title, values),
      ...(rule.summary === null ? {} : { summary: renderTemplate(rule.summary, values) }),
      actions: rule.actions.map((action) => ({ label: renderTemplate(action.label, values), url: renderUrl(action.url, values) })),
      source: 'tenant_rule',
    };
  }
}
