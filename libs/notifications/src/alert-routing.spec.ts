// Alert routing reads each type's route from the event schema registry, so the route a
// schema file declares is the one the notification gets; unregistered types fall back.
import { EVENT_SCHEMA_DEFINITIONS, EventSchemaDefinition, EventSchemaRegistry } from '@herald/contracts';
import { routeFor } from './alert-routing';

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
