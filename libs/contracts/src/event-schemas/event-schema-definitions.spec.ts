// Each event type declares its default alert route beside its schema: every registered type
// has one, the registry answers it per version, and a definition cannot be written without it.
import { ALERT_SCOPES, EVENT_SCHEMA_DEFINITIONS, EventSchemaDefinition, EventSchemaRegistry, eventSchemaRegistry, ROLES } from '../index';
import { defineEventSchema } from './payload-schema-fields';

describe('alert routes beside the schemas', () => {
  it.each(EVENT_SCHEMA_DEFINITIONS.map((definition) => [definition.type, definition]))(
    '%s declares a scope, at least one known role and a title',
    (type, definition) => {
      const route = eventSchemaRegistry.alertRoute(type as string);
      expect(route).toBe((definition as EventSchemaDefinition).route);
      expect(ALERT_SCOPES).toContain(route?.scope);
      expect(route?.roles.length).toBeGreaterThan(0);
      for (const role of route?.roles ?? []) expect(ROLES).toContain(role);
      expect(route?.title.trim().length).toBeGreaterThan(0);
    },
  );

  it('keeps the routes the defaults have always had (docs/decisions.md)', () => {
    expect(eventSchemaRegistry.alertRoute('revenue_impact')).toEqual({ scope: 'exec', roles: ['exec', 'finance'], title: 'Revenue impact' });
    expect(eventSchemaRegistry.alertRoute('email_deliverability')).toEqual({ scope: 'ops', roles: ['ops', 'support'], title: 'Email deliverability' });
    expect(eventSchemaRegistry.alertRoute('sync.failed')).toEqual({ scope: 'ops', roles: ['admin', 'ops'], title: 'Sync failed' });
  });

  it('answers the route of the version asked, the latest otherwise, nothing for an unknown type', () => {
    const v1 = defineEventSchema({
      type: 'fake.thing',
      version: 1,
      kind: 'business',
      description: 'a fake type',
      route: { scope: 'ops', roles: ['ops'], title: 'Fake v1' },
      required: [],
      properties: {},
      examples: [{}],
    });
    const v2: EventSchemaDefinition = { ...v1, version: 2, route: { scope: 'security', roles: ['security'], title: 'Fake v2' } };
    const registry = new EventSchemaRegistry([v1, v2]);
    expect(registry.alertRoute('fake.thing', 1)?.title).toBe('Fake v1');
    expect(registry.alertRoute('fake.thing')?.title).toBe('Fake v2');
    expect(registry.alertRoute('fake.thing', 9)?.title).toBe('Fake v2');
    expect(registry.alertRoute('unknown.thing')).toBeUndefined();
  });

  it('does not compile a definition without a route (type-level; tsc checks the expect-error line)', () => {
    const withoutRoute = () =>
      // @ts-expect-error `route` is a required field of every event schema definition
      defineEventSchema({ type: 'no.route', version: 1, kind: 'business', description: 'x', required: [], properties: {}, examples: [] });
    expect(typeof withoutRoute).toBe('function');
  });
});
