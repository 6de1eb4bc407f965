// Default routing of events that name no recipients (SPEC §7): event type → alert scope,
// recipient roles and title. Per-tenant overrides come with the alert-rules issue.
export interface AlertRoute {
  scope: 'exec' | 'ops' | 'security' | 'finance';
  roles: string[];
  title: string;
}

const DEFAULT_ROUTES: Record<string, AlertRoute> = {
  revenue_impact: { scope: 'exec', roles: ['exec', 'finance'], title: 'Revenue impact' },
  cost_optimization: { scope: 'finance', roles: ['finance', 'exec'], title: 'Cost optimization' },
  operational_efficiency: { scope: 'ops', roles: ['ops'], title: 'Operational efficiency' },
  strategic_decision: { scope: 'exec', roles: ['exec'], title: 'Strategic decision' },
  email_deliverability: { scope: 'ops', roles: ['ops', 'support'], title: 'Email deliverability' },
  resource_usage: { scope: 'ops', roles: ['ops'], title: 'Resource usage' },
};

const FALLBACK_ROLES = ['admin', 'ops'];

export function routeFor(type: string): AlertRoute {
  return (
    DEFAULT_ROUTES[type] ?? {
      scope: 'ops',
      roles: FALLBACK_ROLES,
      title: type.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
    }
  );
}
