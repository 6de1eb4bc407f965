// Query of the operator's GET /events (SPEC §9) and what the event routes answer: the list
// item, the detail (payload, raw snapshot, processing report, deliveries with their attempts,
// replay requests) and the status report.
import { IsIn, IsOptional } from 'class-validator';
import { TextFilter } from '../paging';
import type { DeliveryWithAttempts } from '../deliveries/delivery.dto';
import type { ReplayRequestView } from './replay.dto';
import { TimeWindowQueryDto } from '../time-window';

export const EVENT_STATUSES = ['pending', 'processing', 'processed', 'retrying', 'failed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** `created_at` is when the platform took the event in, i.e. `received_at`. */
export const EVENT_SORTS = ['created_at', 'occurred_at', 'status', 'received_at'] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** `from`/`to` are on occurred_at. */
export class EventQueryDto extends TimeWindowQueryDto {
  @TextFilter()
  tenant_id?: string;

  @TextFilter()
  provider?: string;

  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @TextFilter()
  event_type?: string;

  /** Part of the normalized subject, any case. */
  @TextFilter()
  subject?: string;

  @IsOptional()
  @IsIn(EVENT_SORTS)
  sort_by?: EventSort;

  @IsOptional()
  @IsIn(SORT_ORDERS)
  sort_order?: SortOrder;
}

export interface EventListItem {
  id: string;
  tenant_id: string;
  kind: string;
  type: string;
  source: string;
  provider: string | null;
  provider_event_id: string | null;
  /** The normalized subject of a provider webhook (`payload.subject`), else null. */
  subject: string | null;
  status: EventStatus;
  occurred_at: string;
  received_at: string;
}

/** The notification service's report on processing the event; its error text stays in its logs. */
export interface ProcessingView {
  status: 'processed' | 'retrying' | 'failed';
  attempts: number;
  notification_id: string | null;
  updated_at: string;
}

export interface DeliveryCounts {
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
  /** Waiting for a retry, or paused while the endpoint is disabled. */
  retrying: number;
}

export interface EventStatusView {
  event_id: string;
  status: EventStatus;
  processing: ProcessingView | null;
  deliveries: DeliveryCounts;
}

export interface EventDetail extends EventListItem {
  schema_version: number;
  request_id: string | null;
  integration_id: string | null;
  customer_id: string | null;
  payload: unknown;
  /** A provider webhook's request as received (headers with secrets redacted), else null. */
  raw_snapshot: unknown;
  processing: ProcessingView | null;
  deliveries: DeliveryWithAttempts[];
  /** The operators' replays of the event, oldest first. */
  replays: ReplayRequestView[];
}
