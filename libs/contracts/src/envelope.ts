// The SPEC §2 response envelope shared by every HTTP endpoint.
import { ErrorCode } from './errors/error-codes';

export interface ResponseMeta {
  request_id: string;
  page?: number;
  page_size?: number;
  total?: number;
  next_cursor?: string | null;
  [key: string]: unknown;
}

export interface SuccessEnvelope<T> {
  success: true;
  data: T;
  meta: ResponseMeta;
}

export interface ErrorEnvelope {
  success: false;
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
  meta?: ResponseMeta;
}

export type Envelope<T> = SuccessEnvelope<T> | ErrorEnvelope;

/** A list result from a service; the success envelope (http lib) moves pagination into `meta`. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly meta: { page?: number; page_size?: number; total?: number; next_cursor?: string | null; [key: string]: unknown },
  ) {}
}
