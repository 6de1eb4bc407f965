// The operator's view of events (SPEC §9 GET /events, /events/:id, /events/:id/status): the
// event store's events with the status derived from what the notification service and the
// delivery worker report (docs/architecture.md, "Event status"), and the event's replay
// requests. Reading a raw snapshot is audited (`event.read`) before it is shown.
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFoundError, Page, parseTenantId } from '@herald/contracts';
import { auditEntry, OPERATOR_ACTOR } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { DeliveryReader } from '../deliveries/delivery.reader';
import { pageOf, pageWindow } from '../paging';
import { timeWindow } from '../time-window';
import { EventDetail, EventListItem, EventQueryDto, EventStatusView } from './event.dto';
import { EventRecord, EventStatusReader } from './event-status.reader';
import { redactedSnapshot } from './raw-snapshot';
import { ReplayRequestRepository } from './replay-request.repository';

@Injectable()
export class EventService {
  constructor(
    private readonly events: EventStatusReader,
    private readonly deliveries: DeliveryReader,
    private readonly audit: AuditRepository,
    private readonly replays: ReplayRequestRepository,
  ) {}

  async list(query: EventQueryDto): Promise<Page<EventListItem>> {
    const { from, to } = timeWindow(query);
    const window = pageWindow(query);
    const filter = { tenantId: query.tenant_id, provider: query.provider, status: query.status, type: query.event_type, subject: query.subject, from, to };
    const { items, total } = await this.events.list(window, filter, query.sort_by ?? 'created_at', query.sort_order ?? 'desc');
    return pageOf(window, items, total);
  }

  async status(id: string): Promise<EventStatusView> {
    const { item, processing, deliveries } = await this.record(id);
    return { event_id: item.id, status: item.status, processing, deliveries };
  }

  async detail(id: string): Promise<EventDetail> {
    const { item, processing } = await this.record(id);
    const body = await this.events.body(item.id);
    if (!body) throw new NotFoundError('event', id);
    const tenantId = parseTenantId(item.tenant_id);
    const deliveries = await this.deliveries.forEvent(tenantId, item.id);
    const rawSnapshot = redactedSnapshot(body.raw_snapshot);
    if (rawSnapshot !== null) {
      const change = { action: 'event.read', entityType: 'event', entityId: item.id, payload: rawSnapshot };
      await this.audit.record(auditEntry(OPERATOR_ACTOR, tenantId, change));
    }
    const replays = await this.replays.forEvent(item.id);
    return { ...item, ...body, raw_snapshot: rawSnapshot, processing, deliveries, replays };
  }

  /** An unknown id and one that cannot be an event id are the same 404. */
  private async record(id: string): Promise<EventRecord> {
    const found = isUUID(id) ? await this.events.find(id) : undefined;
    if (!found) throw new NotFoundError('event', id);
    return found;
  }
}
