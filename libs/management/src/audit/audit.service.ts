// The operator's view of the audit trail (SPEC §9 GET /audit-entries): every context's
// entries, filtered and paged.
import { Injectable } from '@nestjs/common';
import { Page } from '@herald/contracts';
import { pageOf, pageWindow } from '../paging';
import { timeWindow } from '../time-window';
import { AuditQueryDto, AuditEntryView } from './audit-entry.dto';
import { AuditRepository } from './audit.repository';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const { from, to } = timeWindow(query);
    const window = pageWindow(query);
    const filter = { tenantId: query.tenant_id, entityType: query.entity_type, entityId: query.entity_id, action: query.action, actor: query.actor, from, to };
    const { items, total } = await this.audit.list(window, filter);
    return pageOf(window, items, total);
  }
}
