// Body of the dev/test routes POST /notifications/trigger and POST /notifications/sse: seed
// 004's shape (`type`, `event`, `title`, `content`, `customer_id`, `user_ids`, `rec_type`,
// `rec_id`), plus an optional `severity`.
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

/** A type (and event) becomes part of a routing key: words of letters, digits, `_` and `-`. */
const TYPE_WORD = /^[A-Za-z0-9_-]+$/;

export class DevNotificationDto {
  /** Seed 004's group of the notification (`chats`); with `event`, the notification type is `<type>.<event>`. */
  @IsString()
  @Length(1, 100)
  @Matches(TYPE_WORD)
  type!: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(TYPE_WORD)
  event?: string;

  @IsString()
  @Length(1, 200)
  title!: string;

  /** The notification's summary. */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  content?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  customer_id?: string;

  /** Recipients in the caller's tenant; absent: the caller (trigger) or every live stream of the tenant (sse). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  user_ids?: string[];

  @IsOptional()
  @IsString()
  rec_type?: string;

  @IsOptional()
  @IsString()
  rec_id?: string;

  @IsOptional()
  @IsIn(['low', 'medium', 'high', 'critical'])
  severity?: 'low' | 'medium' | 'high' | 'critical';
}

/** The notification type a dev body names. */
export function devNotificationType(body: DevNotificationDto): string {
  return body.event ? `${body.type}.${body.event}` : body.type;
}

/** The payload (and so the feed item's `content`) a dev body makes: the body's fields under their payload names. */
export function devPayload(body: DevNotificationDto): Record<string, unknown> {
  const payload: Record<string, unknown> = { title: body.title };
  if (body.content !== undefined) payload['summary'] = body.content;
  if (body.severity !== undefined) payload['severity'] = body.severity;
  if (body.event !== undefined) payload['event'] = body.event;
  if (body.rec_type !== undefined) payload['rec_type'] = body.rec_type;
  if (body.rec_id !== undefined) payload['rec_id'] = body.rec_id;
  return payload;
}
