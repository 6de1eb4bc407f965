// Title, summary and action templates of a tenant's alert rules: `{{name}}` is the payload's
// top-level field `name` (a string, number or boolean), or the event's `type`, `severity`,
// `event_id` or `customer_id`; anything else renders empty. Values are text, never markup
// or code; in an action URL they are percent-encoded.
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export interface TemplateValues {
  type: string;
  severity: string;
  event_id: string;
  customer_id: string | null;
  payload: Record<string, unknown>;
}

function valueOf(name: string, values: TemplateValues): string {
  const own: Record<string, unknown> = { type: values.type, severity: values.severity, event_id: values.event_id, customer_id: values.customer_id };
  const value = Object.hasOwn(own, name) ? own[name] : Object.hasOwn(values.payload, name) ? values.payload[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function renderTemplate(template: string, values: TemplateValues, encode: (text: string) => string = (text) => text): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => encode(valueOf(name, values)));
}

export function renderUrl(template: string, values: TemplateValues): string {
  return renderTemplate(template, values, encodeURIComponent);
}
