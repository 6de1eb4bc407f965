// Default routing of events that name no recipients (SPEC §7): the alert route (scope,
// recipient roles, title) each event type declares beside its schema in the contracts'
// registry. A type no schema registers (notification triggers, provider webhooks) goes to
// admins and ops under a title made from its name. Per-tenant overrides come with the
// alert-rules issue.
import { AlertRoute, EventSchemaRegistry, eventSchemaRegistry } from '@herald/contracts';

const FALLBACK_ROLES = ['admin', 'ops'] as const;

export function routeFor(type: string, schemaVersion?: number, registry: EventSchemaRegistry = eventSchemaRegistry): AlertRoute {
  return (
    registry.alertRoute(type, schemaVersion) ?? {
      scope: 'ops',
      roles: FALLBACK_ROLES,
      title: type.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
    }
  );
}
