// Gateway facade path segments (`POST /internal/events/<segment>`, SPEC §4) and the canonical
// event type each one publishes.

export const CANONICAL_FACADES = Object.freeze({
  'revenue-impact': 'revenue_impact',
  'cost-optimization': 'cost_optimization',
  deliverability: 'email_deliverability',
  'resource-usage': 'resource_usage',
} as const);

export type FacadeSegment = keyof typeof CANONICAL_FACADES;

export function isFacadeSegment(segment: string): segment is FacadeSegment {
  return Object.prototype.hasOwnProperty.call(CANONICAL_FACADES, segment);
}
