// The operator's tenant rules: create (id chosen or generated, 409 when taken), change name
// and plan, read; every write audited with actor `operator`.
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ConflictError, MalformedRequestError, NotFoundError, Page, parseTenantId } from '@herald/contracts';
import { auditEntry, OPERATOR_ACTOR } from '../audit/audit-entry';
import { pageOf, pageWindow } from '../paging';
import { CreateTenantDto, TenantListQueryDto, TenantView, UpdateTenantDto } from './tenant.dto';
import { TenantRepository } from './tenant.repository';

const ENTITY = 'tenant';

@Injectable()
export class TenantService {
  constructor(private readonly tenants: TenantRepository) {}

  async create(body: CreateTenantDto): Promise<TenantView> {
    const tenantId = parseTenantId(body.id ?? `tn_${randomBytes(6).toString('hex')}`, 'id');
    const tenant = { name: body.name, plan: body.plan ?? 'starter' };
    const audit = auditEntry(OPERATOR_ACTOR, tenantId, { action: 'tenant.created', entityType: ENTITY, entityId: tenantId, payload: { id: tenantId, ...tenant } });
    const created = await this.tenants.create(tenantId, tenant, audit);
    if (!created) throw new ConflictError(`tenant ${tenantId} already exists`, { field: 'id' });
    return created;
  }

  async update(id: string, body: UpdateTenantDto): Promise<TenantView> {
    const tenantId = parseTenantId(id, 'id');
    if (body.name === undefined && body.plan === undefined) {
      throw new MalformedRequestError('Nothing to change', [{ path: '', message: 'give name, plan or both' }]);
    }
    const change = { name: body.name, plan: body.plan };
    const action = body.plan === undefined ? 'tenant.updated' : 'tenant.plan_changed';
    const audit = auditEntry(OPERATOR_ACTOR, tenantId, { action, entityType: ENTITY, entityId: tenantId, payload: { id: tenantId, ...change } });
    const updated = await this.tenants.update(tenantId, change, audit);
    if (!updated) throw new NotFoundError(ENTITY, id);
    return updated;
  }

  async get(id: string): Promise<TenantView> {
    const tenant = await this.tenants.find(parseTenantId(id, 'id'));
    if (!tenant) throw new NotFoundError(ENTITY, id);
    return tenant;
  }

  async list(query: TenantListQueryDto): Promise<Page<TenantView>> {
    const window = pageWindow(query);
    const { items, total } = await this.tenants.list(window, query.plan);
    return pageOf(window, items, total);
  }
}
