// The one exception filter: every error becomes the SPEC §2 error envelope with a SPEC
// code. Unknown errors are logged with their stack and answered as a bare 500.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, ErrorEnvelope, ERROR_STATUS, HeraldError, RateLimitedError, ServiceUnavailableError } from '@herald/contracts';
import { HERALD_LOGGER, HeraldLogger } from '@herald/platform/observability';
import { isDatabaseUnavailable } from '@herald/platform/persistence';

/** How long a client should wait before retrying while a dependency is down. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Maps framework/HTTP statuses (routing, body parsing, terminus) onto SPEC codes. */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_ERROR,
  401: ErrorCode.AUTHENTICATION_REQUIRED,
  403: ErrorCode.INSUFFICIENT_PERMISSIONS,
  404: ErrorCode.RESOURCE_NOT_FOUND,
  405: ErrorCode.RESOURCE_NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.VALIDATION_ERROR,
  422: ErrorCode.VALIDATION_ERROR,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

const SAFE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.RESOURCE_NOT_FOUND]: 'Resource not found',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'The request body is too large',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'The service is temporarily unavailable',
};

interface Mapped {
  status: number;
  body: ErrorEnvelope;
  headers?: Record<string, string>;
}

export function mapError(err: unknown): Mapped {
  if (err instanceof HeraldError) {
    const retryAfter = err instanceof RateLimitedError || err instanceof ServiceUnavailableError ? err.retryAfterSeconds : undefined;
    const headers = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : undefined;
    return { status: err.status, headers, body: envelope(err.code, err.message, err.details) };
  }
  if (isDatabaseUnavailable(err)) return mapError(new ServiceUnavailableError(undefined, UNAVAILABLE_RETRY_AFTER_SECONDS));
  const status = statusOf(err);
  if (status !== undefined && status < 500 && STATUS_CODES[status]) {
    const code = STATUS_CODES[status];
    const message = code === ErrorCode.VALIDATION_ERROR ? clientMessage(err) : (SAFE_MESSAGES[code] ?? clientMessage(err));
    return { status, body: envelope(code, message, {}) };
  }
  if (status === 503) {
    const details = err instanceof HttpException ? healthDetails(err.getResponse()) : {};
    return {
      status,
      headers: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
      body: envelope(ErrorCode.SERVICE_UNAVAILABLE, SAFE_MESSAGES[ErrorCode.SERVICE_UNAVAILABLE] as string, details),
    };
  }
  return { status: ERROR_STATUS[ErrorCode.INTERNAL_SERVER_ERROR], body: envelope(ErrorCode.INTERNAL_SERVER_ERROR, 'An unexpected error occurred', {}) };
}

function envelope(code: ErrorCode, message: string, details: Record<string, unknown>): ErrorEnvelope {
  return { success: false, error: { code, message, details } };
}

function statusOf(err: unknown): number | undefined {
  if (err instanceof HttpException) return err.getStatus();
  const status = (err as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Framework messages for 4xx are generic (e.g. "Unexpected token } in JSON"), never internals. */
function clientMessage(err: unknown): string {
  if (err instanceof HttpException) {
    const response = err.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return typeof message === 'string' ? message : err.message;
  }
  const code = (err as { code?: unknown })?.code;
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Content-Type must be application/json';
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty';
  if (typeof code === 'string' && code.startsWith('FST_ERR_CTP')) return 'The request body is not valid JSON';
  return 'The request is invalid';
}

function healthDetails(response: unknown): Record<string, unknown> {
  const r = response as { error?: Record<string, unknown>; details?: Record<string, unknown> };
  return r && typeof r === 'object' && r.details ? { checks: r.details, failing: Object.keys(r.error ?? {}) } : {};
}

@Catch()
export class HeraldExceptionFilter implements ExceptionFilter {
  constructor(@Inject(HERALD_LOGGER) private readonly logger: HeraldLogger) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const mapped = mapError(err);
    const route = request.routeOptions?.url ?? 'unmatched';
    if (mapped.status === 503 && !(err instanceof HttpException) && !(err instanceof HeraldError)) {
      this.logger.warn({ method: request.method, route, err: (err as Error)?.message }, 'dependency unavailable; answered 503');
    } else if (mapped.status >= 500 && mapped.status !== 503) {
      // the route pattern, never request.url: its query string can carry a token (SSE's access_token)
      this.logger.error({ err, method: request.method, route }, 'unhandled error');
    }
    sendError(reply, request, mapped);
  }
}

export function sendError(reply: FastifyReply, request: FastifyRequest, mapped: Mapped): void {
  if (reply.sent) return;
  for (const [name, value] of Object.entries(mapped.headers ?? {})) void reply.header(name, value);
  void reply.status(mapped.status).send({ ...mapped.body, meta: { request_id: String(request.id) } });
}
