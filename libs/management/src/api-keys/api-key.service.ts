// The tenant's API keys (SPEC §3, §9): create and rotate show the key once and need a plan
// with API keys; list, get and revoke work on any plan (a downgraded tenant can still see
// and revoke its keys). Revocation reaches every gateway within the lookup cache's TTL (≤ 5 s).
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, Page, Principal, tenantIdOf } from '@herald/contracts';
import { generateApiKey, resolveTenant } from '@herald/platform/auth';
import { auditEntry } from '../audit/audit-entry';
import { pageOf, pageWindow, PageQueryDto } from '../paging';
import { PlanGate } from '../tenants/plan-gate';
import { ApiKeyView, CreateApiKeyDto, DEFAULT_GRACE_PERIOD_HOURS, IssuedApiKey, RotateApiKeyDto } from './api-key.dto';
import { ApiKeyRepository, apiKeyView } from './api-key.repository';
import { assertGrantable, checkNewApiKey } from './api-key.rules';

const ENTITY = 'api_key';
const DEFAULT_RATE_LIMIT_PER_HOUR = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RotatedApiKey extends IssuedApiKey {
  /** The key it replaces, and when that one stops working. */
  previous: { id: string; grace_until: string };
}

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly plans: PlanGate,
  ) {}

  async create(caller: Principal, body: CreateApiKeyDto): Promise<IssuedApiKey> {
    const tenantId = resolveTenant(caller, body.tenant_id);
    const now = new Date();
    const scopes = checkNewApiKey(body, now);
    assertGrantable(caller, scopes);
    await this.plans.assert(tenantId, 'api_keys');
    const { key, prefix, hash } = generateApiKey();
    const stored = {
      id: randomUUID(),
      name: body.name,
      prefix,
      hash,
      scopes,
      rateLimit: body.rate_limit ?? DEFAULT_RATE_LIMIT_PER_HOUR,
      expiresAt: body.expires_at ? new Date(body.expires_at) : null,
    };
    const payload = { id: stored.id, name: stored.name, prefix, scopes, rate_limit: stored.rateLimit, expires_at: body.expires_at ?? null };
    const audit = auditEntry(caller, tenantId, { action: 'api_key.created', entityType: ENTITY, entityId: stored.id, payload });
    const row = await this.apiKeys.create(tenantId, stored, audit);
    if (!row) throw new ConflictError(`An API key named '${body.name}' already exists`, { field: 'name' });
    return { ...apiKeyView(row, now), key };
  }

  async rotate(caller: Principal, id: string, body: RotateApiKeyDto): Promise<RotatedApiKey> {
    const tenantId = tenantIdOf(caller);
    const keyId = this.keyIdFrom(id);
    await this.plans.assert(tenantId, 'api_keys');
    const now = new Date();
    const graceUntil = new Date(now.getTime() + (body.grace_period_hours ?? DEFAULT_GRACE_PERIOD_HOURS) * 3_600_000);
    const { key, prefix, hash } = generateApiKey();
    const successor = { id: randomUUID(), prefix, hash };
    const payload = { id: keyId, successor_id: successor.id, successor_prefix: prefix, grace_until: graceUntil.toISOString() };
    const audit = auditEntry(caller, tenantId, { action: 'api_key.rotated', entityType: ENTITY, entityId: keyId, payload });
    const outcome = await this.apiKeys.rotate(tenantId, keyId, successor, graceUntil, audit);
    if (outcome === 'not_found') throw new NotFoundError(ENTITY, id);
    if (outcome === 'not_rotatable') throw new ConflictError('Only an active key can be rotated (this one is revoked, expired or already rotated)', { id });
    return { ...apiKeyView(outcome.successor, now), key, previous: { id: keyId, grace_until: graceUntil.toISOString() } };
  }

  async revoke(caller: Principal, id: string): Promise<ApiKeyView> {
    const tenantId = tenantIdOf(caller);
    const keyId = this.keyIdFrom(id);
    const audit = auditEntry(caller, tenantId, { action: 'api_key.revoked', entityType: ENTITY, entityId: keyId, payload: { id: keyId } });
    const row = await this.apiKeys.revoke(tenantId, keyId, audit);
    if (!row) throw new NotFoundError(ENTITY, id);
    return apiKeyView(row, new Date());
  }

  async get(caller: Principal, id: string): Promise<ApiKeyView> {
    const row = await this.apiKeys.find(tenantIdOf(caller), this.keyIdFrom(id));
    if (!row) throw new NotFoundError(ENTITY, id);
    return apiKeyView(row, new Date());
  }

  async list(caller: Principal, query: PageQueryDto): Promise<Page<ApiKeyView>> {
    const window = pageWindow(query);
    const { rows, total } = await this.apiKeys.list(tenantIdOf(caller), window);
    const now = new Date();
    return pageOf(window, rows.map((row) => apiKeyView(row, now)), total);
  }

  // an id that cannot be a key's is an unknown key, like another tenant's
  private keyIdFrom(id: string): string {
    if (!UUID.test(id)) throw new NotFoundError(ENTITY, id);
    return id;
  }
}
