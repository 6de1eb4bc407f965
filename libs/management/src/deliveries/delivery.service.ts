// The operator's list of deliveries (SPEC §9 GET /deliveries): every tenant's, filtered by
// status and event, paged.
import { Injectable } from '@nestjs/common';
import { Page } from '@herald/contracts';
import { pageOf, pageWindow } from '../paging';
import { DeliveryQueryDto, DeliveryStatus, DeliveryStatusFilter, DeliveryView } from './delivery.dto';
import { DeliveryReader } from './delivery.reader';

/** SPEC §9's `success` is the stored `succeeded`. */
const storedStatus = (filter: DeliveryStatusFilter): DeliveryStatus => (filter === 'success' ? 'succeeded' : filter);

@Injectable()
export class DeliveryService {
  constructor(private readonly deliveries: DeliveryReader) {}

  async list(query: DeliveryQueryDto): Promise<Page<DeliveryView>> {
    const window = pageWindow(query);
    const filter = { tenantId: query.tenant_id, eventId: query.event_id, status: query.status && storedStatus(query.status) };
    const { items, total } = await this.deliveries.list(window, filter);
    return pageOf(window, items, total);
  }
}
