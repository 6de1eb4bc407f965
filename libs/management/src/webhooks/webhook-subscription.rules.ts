// What a subscription may say (SPEC §9): an https URL in production (http elsewhere, for
// local receivers), and event types from the catalog, exact or as a wildcard `prefix.*`
// whose prefix starts some catalog type. 422 naming each bad field.
import { eventSchemaRegistry, FieldError, NotFoundError, UnprocessableError } from '@herald/contracts';

export const WEBHOOK_SUBSCRIPTION_ENTITY = 'webhook_subscription';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route's id as a subscription id; one that cannot be a subscription's is unknown (404), like another tenant's. */
export function subscriptionIdFrom(id: string): string {
  if (!UUID.test(id)) throw new NotFoundError(WEBHOOK_SUBSCRIPTION_ENTITY, id);
  return id;
}

export interface SubscriptionTarget {
  url?: string;
  event_types?: string[];
}

/** The event types as given, deduplicated; throws 422 naming `url` or `event_types[i]`. */
export function checkSubscription(target: SubscriptionTarget, production: boolean): string[] | undefined {
  const errors: FieldError[] = [];
  if (production && target.url !== undefined && !target.url.toLowerCase().startsWith('https://')) {
    errors.push({ path: 'url', message: 'must be an https URL' });
  }
  target.event_types?.forEach((type, i) => {
    if (!isKnownEventType(type)) errors.push({ path: `event_types[${i}]`, message: `unknown event type '${type}' (a catalog type or a wildcard such as 'lead.*')` });
  });
  if (errors.length > 0) throw new UnprocessableError('The webhook subscription is invalid', errors);
  return target.event_types && [...new Set(target.event_types)];
}

const CATALOG_TYPES: readonly string[] = eventSchemaRegistry.catalog().map((entry) => entry.type);

export function isKnownEventType(type: string): boolean {
  if (!type.endsWith('.*')) return eventSchemaRegistry.has(type);
  const prefix = type.slice(0, -1); // keeps the dot: `lead.` must start a type, `lea.` does not match `lead.created`
  return prefix.length > 1 && !prefix.slice(0, -1).includes('*') && CATALOG_TYPES.some((known) => known.startsWith(prefix));
}
