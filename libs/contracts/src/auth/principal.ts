// Who is calling (SPEC §3): the claims of a JWT or an API key, reduced to what code needs.
export const ROLES = ['exec', 'ops', 'security', 'support', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  'events:publish',
  'alerts:publish',
  'notifications:publish',
  'notifications:read',
  'keys:manage',
  'webhooks:manage',
  'directory:manage',
  'alerts:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  kind: 'user' | 'api_key';
  /** user id (`sub`) or api key id */
  subject: string;
  tenant_id: string;
  roles: Role[];
  groups: string[];
  scopes: Scope[];
}
