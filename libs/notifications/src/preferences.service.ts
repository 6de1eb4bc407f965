// GET/PUT of the caller's own preferences (SPEC §7): general, or for one `customer_id`. A
// change is audited in its transaction (SPEC §3).
import { Injectable } from '@nestjs/common';
import { MalformedRequestError, Principal, tenantIdOf, userIdOf } from '@herald/contracts';
import { RequestContext } from '@herald/platform/observability';
import { auditActor, canonicalSha256 } from '@herald/platform/persistence';
import { PreferenceRepository } from './preference.repository';
import { DEFAULT_PREFERENCES, parsePreferences, Preferences } from './preferences';

export interface PreferencesView extends Preferences {
  customer_id: string | null;
  /** Where these come from: the customer's own, the user's general ones, or the defaults. */
  source: 'customer' | 'user' | 'default';
  updated_at: string | null;
}

const MAX_CUSTOMER_ID = 256;

@Injectable()
export class PreferencesService {
  constructor(private readonly repository: PreferenceRepository) {}

  async get(principal: Principal, customerIdParam: unknown): Promise<PreferencesView> {
    const customerId = customerIdOf(customerIdParam);
    const stored = await this.repository.find(tenantIdOf(principal), userIdOf(principal), customerId);
    if (!stored) return { customer_id: customerId, source: 'default', ...DEFAULT_PREFERENCES, updated_at: null };
    return { customer_id: customerId, source: stored.customerId ? 'customer' : 'user', ...stored.preferences, updated_at: stored.updatedAt.toISOString() };
  }

  async put(principal: Principal, customerIdParam: unknown, body: unknown): Promise<PreferencesView> {
    const customerId = customerIdOf(customerIdParam);
    const preferences = parsePreferences(body);
    const userId = userIdOf(principal);
    const updatedAt = await this.repository.save(tenantIdOf(principal), userId, customerId, preferences, {
      tenantId: principal.tenant_id,
      requestId: RequestContext.current()?.requestId ?? '',
      actor: auditActor(principal),
      action: 'preferences.updated',
      entityType: 'notification_preferences',
      entityId: customerId ? `${userId}/${customerId}` : userId,
      fingerprint: canonicalSha256(preferences),
    });
    return { customer_id: customerId, source: customerId ? 'customer' : 'user', ...preferences, updated_at: updatedAt.toISOString() };
  }
}

function customerIdOf(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CUSTOMER_ID) {
    throw new MalformedRequestError('The request is invalid', [{ path: 'customer_id', message: `must be one non-empty string of at most ${MAX_CUSTOMER_ID} characters` }]);
  }
  return value;
}
