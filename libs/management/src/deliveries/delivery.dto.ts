// Query of the operator's GET /deliveries (SPEC §9) and how a delivery and its attempts are
// shown there and in GET /events/:id.
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto, TextFilter } from '../paging';

export type DeliveryStatus = 'pending' | 'retrying' | 'paused' | 'succeeded' | 'failed';

/** SPEC §9 names `success` and `failed`; the in-flight states and the stored `succeeded` are taken too. */
export const DELIVERY_STATUS_FILTERS = ['success', 'succeeded', 'failed', 'pending', 'retrying', 'paused'] as const;
export type DeliveryStatusFilter = (typeof DELIVERY_STATUS_FILTERS)[number];

export class DeliveryQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(DELIVERY_STATUS_FILTERS)
  status?: DeliveryStatusFilter;

  @IsOptional()
  @IsUUID()
  event_id?: string;

  @TextFilter()
  tenant_id?: string;
}

export interface DeliveryView {
  id: string;
  tenant_id: string;
  event_id: string;
  channel: string;
  /** e.g. `webhook_subscription:<id>`. */
  destination: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface DeliveryAttemptView {
  attempt: number;
  outcome: 'success' | 'retry' | 'fail';
  status_code: number | null;
  error_class: string | null;
  latency_ms: number;
  /** The first RESPONSE_EXCERPT_CHARS characters of what the endpoint answered. */
  response_body_excerpt: string | null;
  attempted_at: string;
}

export interface DeliveryWithAttempts extends DeliveryView {
  attempts: DeliveryAttemptView[];
}
