// A list's time window (`from` inclusive, `to` exclusive, ISO 8601) on top of its paging: a
// bad date is 400 naming it, and so is `from` not before `to` (an empty window is a mistake).
import { IsISO8601, IsOptional } from 'class-validator';
import { MalformedRequestError } from '@herald/contracts';
import { PageQueryDto } from './paging';

export class TimeWindowQueryDto extends PageQueryDto {
  /** At or after this instant. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Before this instant. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export function timeWindow(query: TimeWindowQueryDto): { from?: Date; to?: Date } {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from >= to) throw new MalformedRequestError('The time window is empty', [{ path: 'from', message: 'must be before to' }]);
  return { from, to };
}
