// HTTP shape of POST /internal/events (SPEC §4); the payload itself is checked by the
// event schema registry, not here.
import { IsInt, IsISO8601, IsObject, IsOptional, IsString, Length, Min } from 'class-validator';

export class PublishEventDto {
  @IsString()
  @Length(1, 128)
  type: string;

  @IsString()
  @Length(1, 256)
  source: string;

  @IsOptional()
  @IsString()
  tenant_id?: string;

  @IsISO8601({ strict: true })
  timestamp: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  schema_version?: number;

  @IsObject()
  payload: Record<string, unknown>;
}

export interface EventAcceptedResponse {
  event_id: string;
  queued: true;
}
