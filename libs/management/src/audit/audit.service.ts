// The operator's view of the audit trail (SPEC §9 GET /audit-entries): every context's
// entries, filtered and paged.
import { Injectable } from '@nestjs/common';
import { MalformedRequestError, Page } from '@herald/contracts';
import { pageOf, pageWindow } from '../paging';
import { AuditQueryDto, AuditEntryView } from './audit-entry.dto';
import { AuditRepository } from './audit.repository';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw new MalformedRequestError('The time window is empty', [{ path: 'from', message: 'must be before to' }]);
    const window = pageWindow(query);
    const filter = { tenantId: query.tenant_id, entityType: query.entity_type, entityId: query.entity_id, action: query.action, actor: query.actor, from, to };
    const { items, total } = await this.audit.list(window, filter);
    return pageOf(window, items, total);
  }
}
