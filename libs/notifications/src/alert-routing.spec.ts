// Alert routing reads each type's route from the event schema registry, so the route a
// schema file declares is the one the notification gets; unregistered types fall back.
import { EVENT_SCHEMA_DEFINITIONS, EventSchemaDefinition, EventSchemaRegistry } from '@herald/contracts';
import { matchingRule, routeFor } from './alert-routing';
import { StoredAlertRule } from './alert-rules/alert-rule.repository';
import { renderTemplate, renderUrl } from './alert-rules/alert-template';

describe('routeFor', () => {
  it('gives every registered type the route declared beside its schema', () => {
    for (const definition of EVENT_SCHEMA_DEFINITIONS) expect(routeFor(definition.type, definition.version)).toEqual(definition.route);
    expect(routeFor('revenue_impact')).toEqual({ scope: 'exec', roles: ['exec', 'finance'], title: 'Revenue impact' });
  });

  it('routes a type registered in a registry by the route it declares (the seam)', () => {
    const fake: EventSchemaDefinition = {
      type: 'fake.breach',
      version: 1,
      kind: 'business',
      description: 'a fake type registered by this test',
      route: { scope: 'security', roles: ['security', 'admin'], title: 'Possible breach' },
      schema: { type: 'object' },
    };
    expect(routeFor('fake.breach', 1, new EventSchemaRegistry([fake]))).toEqual(fake.route);
  });

  it('falls back to admins and ops with a readable title for a type no schema registers', () => {
    expect(routeFor('acme.order_created')).toEqual({ scope: 'ops', roles: ['admin', 'ops'], title: 'Acme order created' });
  });
});

describe('a tenant rule', () => {
  const rule = (overrides: Partial<StoredAlertRule>): StoredAlertRule => ({ severities: null, scope: 'ops', roles: ['ops'], title: null, summary: null, actions: [], ...overrides });

  it('matches by severity when it names some, any severity when it names none; the first match wins', () => {
    const high = rule({ severities: ['high', 'critical'], scope: 'finance' });
    const any = rule({ scope: 'security' });
    expect(matchingRule([high, any], 'critical')).toBe(high);
    expect(matchingRule([high, any], 'low')).toBe(any);
    expect(matchingRule([high], 'medium')).toBeUndefined();
    expect(matchingRule([], 'high')).toBeUndefined();
  });

  it('renders templates from the payload and the event, empty for what is absent or not a scalar, percent-encoded in URLs', () => {
    const values = { type: 'revenue_impact', severity: 'high', event_id: 'e1', customer_id: null, payload: { impact_amount: -350, currency: 'EUR', context: { a: 1 }, note: 'a&b c' } };
    expect(renderTemplate('{{ type }}: {{impact_amount}} {{currency}} ({{severity}}){{context}}{{missing}}{{customer_id}}', values)).toBe('revenue_impact: -350 EUR (high)');
    expect(renderUrl('/x?e={{event_id}}&n={{note}}', values)).toBe('/x?e=e1&n=a%26b%20c');
    expect(renderTemplate('{{constructor}}{{__proto__}}{{toString}}', values)).toBe('');
  });
});
