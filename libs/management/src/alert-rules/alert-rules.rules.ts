// What a tenant's alert rules may say (SPEC §7, §9): event types from the catalog, a scope
// (exec, ops, security, finance), severities (critical, high, medium, low), at least one
// directory role from the SPEC list, bounded titles and summaries, and actions whose URL is
// a path of the portal (`/…`) or an https URL. 422 naming every bad field.
import {
  ALERT_RULE_LIMITS,
  ALERT_SCOPES,
  AlertRule,
  AlertScope,
  eventSchemaRegistry,
  EventSeverity,
  FieldError,
  Role,
  ROLES,
  SEVERITY_LEVELS,
  UnprocessableError,
} from '@herald/contracts';
import { AlertActionDto, PutAlertRulesDto } from './alert-rules.dto';

const oneOf = (known: readonly string[]) => (value: string) => known.includes(value);
const isScope = oneOf(ALERT_SCOPES);
const isSeverity = oneOf(SEVERITY_LEVELS);
const isRole = oneOf(ROLES);
const ACTION_URL = /^(\/(?!\/)|https:\/\/)[^\s]*$/;

function lengthError(errors: FieldError[], path: string, value: string | null | undefined, max: number): void {
  if (value != null && (value.length === 0 || value.length > max)) errors.push({ path, message: `must be 1–${max} characters` });
}

function actionErrors(actions: AlertActionDto[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (actions.length > ALERT_RULE_LIMITS.actions) errors.push({ path, message: `must hold at most ${ALERT_RULE_LIMITS.actions} actions` });
  actions.forEach((action, j) => {
    lengthError(errors, `${path}[${j}].label`, action.label, ALERT_RULE_LIMITS.label);
    if (action.url.length > ALERT_RULE_LIMITS.url || !ACTION_URL.test(action.url)) {
      errors.push({ path: `${path}[${j}].url`, message: 'must be a portal path (/…) or an https URL, without spaces' });
    }
  });
  return errors;
}

/** The rules as stored and sent (defaults filled in, roles and severities deduplicated), or 422. */
export function checkAlertRules(body: PutAlertRulesDto): AlertRule[] {
  const errors: FieldError[] = [];
  if (body.rules.length > ALERT_RULE_LIMITS.rules) errors.push({ path: 'rules', message: `must hold at most ${ALERT_RULE_LIMITS.rules} rules` });
  body.rules.forEach((rule, i) => {
    const path = `rules[${i}]`;
    if (!eventSchemaRegistry.has(rule.event_type)) errors.push({ path: `${path}.event_type`, message: `unknown event type '${rule.event_type}' (see GET /event-types)` });
    if (!isScope(rule.scope)) errors.push({ path: `${path}.scope`, message: `must be one of ${ALERT_SCOPES.join(', ')}` });
    if (rule.severities?.length === 0) errors.push({ path: `${path}.severities`, message: 'must name at least one severity, or be null for every severity' });
    rule.severities?.forEach((severity, j) => {
      if (!isSeverity(severity)) errors.push({ path: `${path}.severities[${j}]`, message: `must be one of ${SEVERITY_LEVELS.join(', ')}` });
    });
    if (rule.roles.length === 0 || rule.roles.length > ALERT_RULE_LIMITS.roles) {
      errors.push({ path: `${path}.roles`, message: `must name 1–${ALERT_RULE_LIMITS.roles} roles` });
    }
    rule.roles.forEach((role, j) => {
      if (!isRole(role)) errors.push({ path: `${path}.roles[${j}]`, message: `must be one of ${ROLES.join(', ')}` });
    });
    lengthError(errors, `${path}.title`, rule.title, ALERT_RULE_LIMITS.title);
    lengthError(errors, `${path}.summary`, rule.summary, ALERT_RULE_LIMITS.summary);
    errors.push(...actionErrors(rule.actions ?? [], `${path}.actions`));
  });
  if (errors.length > 0) throw new UnprocessableError('The alert rules are invalid', errors);
  return body.rules.map((rule) => ({
    event_type: rule.event_type,
    severities: rule.severities ? ([...new Set(rule.severities)] as EventSeverity[]) : null,
    scope: rule.scope as AlertScope,
    roles: [...new Set(rule.roles)] as Role[],
    title: rule.title ?? null,
    summary: rule.summary ?? null,
    actions: (rule.actions ?? []).map((action) => ({ label: action.label, url: action.url })),
    enabled: rule.enabled ?? true,
  }));
}
