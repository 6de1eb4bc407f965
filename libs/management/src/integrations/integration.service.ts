// The operator's integrations (SPEC §5, §9): a provider connected to a tenant, with its
// callback URL and credentials. Credentials are write-only: validated against the provider's
// fields, sealed with CredentialsCipher bound to the integration id, and never shown, audited
// (not even as part of a fingerprint) or logged; views say `has_credentials`. Every write is
// audited with actor `operator`, in its transaction.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { MalformedRequestError, NotFoundError, Page, parseTenantId, UnprocessableError } from '@herald/contracts';
import { CredentialsCipher } from '@herald/platform/auth';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { auditEntry, OPERATOR_ACTOR } from '../audit/audit-entry';
import { pageOf, pageWindow } from '../paging';
import { CreateIntegrationDto, IntegrationListQueryDto, IntegrationView, UpdateIntegrationDto } from './integration.dto';
import { IntegrationRepository } from './integration.repository';
import { checkIntegration } from './integration.rules';

const ENTITY = 'integration';

@Injectable()
export class IntegrationService {
  private readonly production: boolean;

  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly cipher: CredentialsCipher,
    @Inject(HERALD_CONFIG) config: HeraldConfig,
  ) {
    this.production = config.nodeEnv === 'production';
  }

  /** Credentials are required, except on a provider's default integration (it verifies with the env values, SPEC §5). */
  async create(body: CreateIntegrationDto): Promise<IntegrationView> {
    // a tenant that does not exist is 422 `tenant_id` (the repository's foreign key)
    const tenantId = parseTenantId(body.tenant_id);
    const isDefault = body.is_default ?? false;
    const { credentials } = checkIntegration(body, { production: this.production, credentialsRequired: !isDefault });
    const id = randomUUID();
    const stored = {
      id,
      provider: body.provider,
      active: body.active ?? true,
      callbackUrl: body.callback_url ?? null,
      isDefault,
      credentialsSealed: credentials ? this.cipher.seal(id, credentials) : null,
    };
    const payload = { id, tenant_id: tenantId, provider: stored.provider, active: stored.active, callback_url: stored.callbackUrl, is_default: isDefault, credentials_set: credentials !== undefined };
    const audit = auditEntry(OPERATOR_ACTOR, tenantId, { action: 'integration.created', entityType: ENTITY, entityId: id, payload });
    return this.integrations.create(tenantId, stored, audit);
  }

  async update(id: string, body: UpdateIntegrationDto): Promise<IntegrationView> {
    if ([body.active, body.callback_url, body.credentials, body.is_default].every((field) => field === undefined)) {
      throw new MalformedRequestError('Change at least one of active, callback_url, credentials, is_default');
    }
    const current = await this.get(id);
    assertUnchanged(current, body);
    const { credentials } = checkIntegration({ ...body, provider: current.provider }, { production: this.production, credentialsRequired: false });
    const changes = {
      active: body.active,
      callbackUrl: body.callback_url,
      isDefault: body.is_default,
      credentialsSealed: credentials && this.cipher.seal(current.id, credentials),
    };
    const payload = { id: current.id, active: body.active, callback_url: body.callback_url, is_default: body.is_default, credentials_set: credentials !== undefined };
    const audit = auditEntry(OPERATOR_ACTOR, parseTenantId(current.tenant_id), { action: 'integration.updated', entityType: ENTITY, entityId: current.id, payload });
    const updated = await this.integrations.update(current.id, changes, audit);
    if (!updated) throw new NotFoundError(ENTITY, id);
    return updated;
  }

  /** An unknown id and one that cannot be an integration's are the same 404. */
  async get(id: string): Promise<IntegrationView> {
    const found = isUUID(id) ? await this.integrations.find(id.toLowerCase()) : null;
    if (!found) throw new NotFoundError(ENTITY, id);
    return found;
  }

  async list(query: IntegrationListQueryDto): Promise<Page<IntegrationView>> {
    const window = pageWindow(query);
    const { items, total } = await this.integrations.list(window, { provider: query.provider, tenantId: query.tenant_id, activeOnly: query.active_only === 'true' });
    return pageOf(window, items, total);
  }
}

/** An integration stays its tenant's and its provider's: a PATCH may repeat them, not change them. */
function assertUnchanged(current: IntegrationView, body: UpdateIntegrationDto): void {
  const errors = (['tenant_id', 'provider'] as const)
    .filter((field) => body[field] !== undefined && body[field] !== current[field])
    .map((field) => ({ path: field, message: 'cannot be changed; create a new integration instead' }));
  if (errors.length > 0) throw new UnprocessableError('The integration is invalid', errors);
}
