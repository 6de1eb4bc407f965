// Query of GET /notifications and the bodies of the read-state routes (SPEC §7).
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Ids one ack may name. */
export const ACK_MAX_IDS = 100;

export class FeedQueryDto {
  @IsOptional()
  @IsString()
  scope?: string;

  /** Comma list, e.g. `high,critical`. */
  @IsOptional()
  @IsString()
  severity?: string;

  @IsOptional()
  @IsIn(['read', 'unread', 'all'])
  status?: 'read' | 'unread' | 'all';

  @IsOptional()
  @IsString()
  customer_id?: string;

  @IsOptional()
  @IsString()
  type?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/** Body of POST/PATCH /notifications/:id/read, optional: no body (or no `read`) marks read. */
export class ReadStateDto {
  @IsOptional()
  @IsBoolean()
  read?: boolean;
}

/** Body of POST /notifications/ack. */
export class AckDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ACK_MAX_IDS)
  @IsString({ each: true })
  ids!: string[];
}
