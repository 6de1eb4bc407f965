// Typed errors carrying a SPEC code. Code throws these; only the HTTP exception filter
// turns them into responses, so a message here is safe to show a client.
import { ERROR_STATUS, ErrorCode } from './error-codes';

export interface FieldError {
  path: string;
  message: string;
}

export class HeraldError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly status: number = ERROR_STATUS[code],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class AuthenticationRequiredError extends HeraldError {
  constructor(message = 'Authentication is required') {
    super(ErrorCode.AUTHENTICATION_REQUIRED, message);
  }
}

export class InsufficientPermissionsError extends HeraldError {
  constructor(message = 'You do not have permission to do this', details: Record<string, unknown> = {}) {
    super(ErrorCode.INSUFFICIENT_PERMISSIONS, message, details);
  }
}

export class PlanUpgradeRequiredError extends HeraldError {
  constructor(requiredPlan: string, currentPlan: string) {
    super(ErrorCode.PLAN_UPGRADE_REQUIRED, `This feature needs the ${requiredPlan} plan or above`, {
      required_plan: requiredPlan,
      current_plan: currentPlan,
    });
  }
}

export class NotFoundError extends HeraldError {
  constructor(entity: string, id?: string) {
    super(ErrorCode.RESOURCE_NOT_FOUND, id ? `${entity} ${id} was not found` : `${entity} was not found`, {
      entity,
      ...(id ? { id } : {}),
    });
  }
}

/** 400: the request is not JSON, not an object, or a field has the wrong type. */
export class MalformedRequestError extends HeraldError {
  constructor(message: string, errors: FieldError[] = []) {
    super(ErrorCode.VALIDATION_ERROR, message, { errors }, 400);
  }
}

/** 422: well-formed, but unknown type or version, schema failure, invalid recipients. */
export class UnprocessableError extends HeraldError {
  constructor(message: string, errors: FieldError[]) {
    super(ErrorCode.VALIDATION_ERROR, message, { errors }, 422);
  }
}

export class IdempotencyKeyReusedError extends HeraldError {
  constructor() {
    super(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used with a different request body');
  }
}

export class ConflictError extends HeraldError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, details);
  }
}

export class PayloadTooLargeError extends HeraldError {
  constructor(limitBytes: number, what = 'request body') {
    super(ErrorCode.PAYLOAD_TOO_LARGE, `The ${what} exceeds ${limitBytes} bytes`, { limit_bytes: limitBytes });
  }
}

export class RateLimitedError extends HeraldError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.RATE_LIMITED, 'Rate limit exceeded', { retry_after_seconds: retryAfterSeconds });
  }
}

export class ServiceUnavailableError extends HeraldError {
  constructor(
    message = 'The service is temporarily unavailable',
    readonly retryAfterSeconds = 5,
  ) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { retry_after_seconds: retryAfterSeconds });
  }
}
