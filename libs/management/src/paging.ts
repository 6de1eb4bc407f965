// Paging of the management lists (SPEC §2): `page` from 1, `page_size` 1–100 (default 20);
// a page past the end is empty, its meta still says the total.
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Page } from '@herald/contracts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  page_size?: number;
}

/** A list's optional exact-match (or partial) text filter: 1–200 characters when given. */
export const TextFilter = (): PropertyDecorator => applyDecorators(IsOptional(), IsString(), Length(1, 200));

/** What a repository needs to read one page. */
export interface PageWindow {
  page: number;
  pageSize: number;
  limit: number;
  offset: number;
}

export function pageWindow(query: PageQueryDto): PageWindow {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

/** A repository's rows and total as the envelope's list: `meta: {page, page_size, total}`. */
export function pageOf<T>(window: PageWindow, items: T[], total: number): Page<T> {
  return new Page(items, { page: window.page, page_size: window.pageSize, total });
}

/**
 * One page of `select` (a SELECT without ORDER BY or LIMIT, parameters `$1…`) in `orderBy`
 * order, with the number of rows it matches. The total rides on the page's rows
 * (`count(*) OVER ()`); only a page past the end counts apart.
 */
export async function queryPage<Row>(db: DataSource, select: string, params: unknown[], orderBy: string, window: PageWindow): Promise<{ rows: Row[]; total: number }> {
  const n = params.length;
  const rows: Array<Row & { total__: string }> = await db.query(
    `SELECT m.*, count(*) OVER () AS total__ FROM (${select}) AS m ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...params, window.limit, window.offset],
  );
  if (rows.length > 0) return { rows: rows.map(({ total__: _total, ...row }) => row as Row), total: Number(rows[0].total__) };
  const counted: Array<{ total: string }> = await db.query(`SELECT count(*) AS total FROM (${select}) AS m`, params);
  return { rows, total: Number(counted[0].total) };
}

/**
 * One page of `select` as queryPage reads it, with the total counted apart by `countSelect`
 * (one row, `total`, over the same parameters): for a select whose rows cost work to compute
 * (a derived status), which a window count would do for every matching row.
 */
export async function queryPageCountedApart<Row>(db: DataSource, select: string, countSelect: string, params: unknown[], orderBy: string, window: PageWindow): Promise<{ rows: Row[]; total: number }> {
  const n = params.length;
  const [rows, counted]: [Row[], Array<{ total: string }>] = await Promise.all([
    db.query(`SELECT m.* FROM (${select}) AS m ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, window.limit, window.offset]),
    db.query(countSelect, params),
  ]);
  return { rows, total: Number(counted[0].total) };
}
