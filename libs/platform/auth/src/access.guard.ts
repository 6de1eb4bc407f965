// The global guard: every route needs a principal unless marked @Public. Operator routes
// take `x-internal-api-key` (constant-time compare); all others take a JWT or an API key
// (found through the global API_KEY_SOURCE), then their scope and role requirements are
// checked, then the global RATE_LIMITER (when one is provided) counts the request: its
// route's @RateLimitWeight of the body, else 1. A request an API key authenticated is noted
// by the ApiKeyUsageRecorder (memory only; last_used_at). A route's access metadata is read
// once and kept, not looked up on every request.
import { ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  AuthenticationRequiredError,
  InsufficientPermissionsError,
  Principal,
} from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { ACCESS_KEY, AccessRequirement, OPERATOR_KEY, PUBLIC_KEY, QUERY_TOKEN_KEY } from './access.decorators';
import { API_KEY_SOURCE, ApiKeySource, authenticateApiKey } from './api-key';
import { ApiKeyUsageRecorder } from './api-key-usage.recorder';
import { JWT_STRATEGY } from './jwt.strategy';
import { applyRateLimit, RATE_LIMIT_WEIGHT_KEY, RATE_LIMITER, RateLimiter, RequestWeigher, requestWeight } from './rate-limiter';

const API_KEY_BEARER = /^Bearer hk_/i;

interface RouteAccess {
  isPublic: boolean;
  isOperator: boolean;
  requirement: AccessRequirement | undefined;
  weigh: RequestWeigher | undefined;
  /** @AcceptQueryToken: `access_token` in the query stands for the bearer header. */
  queryToken: boolean;
}

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  routeOptions?: { url?: string };
  query?: unknown;
  body?: unknown;
  user?: Principal;
}

@Injectable()
export class AccessGuard extends AuthGuard(JWT_STRATEGY) {
  /** controller class → handler → its access (keyed by both: a handler may be inherited by two controllers). */
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Optional() @Inject(API_KEY_SOURCE) private readonly apiKeys?: ApiKeySource,
    @Optional() @Inject(RATE_LIMITER) private readonly rateLimiter?: RateLimiter,
    @Optional() private readonly usage?: ApiKeyUsageRecorder,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.accessOf(context);
    if (access.isPublic) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    if (access.isOperator) return this.checkOperatorKey(request);
    if (access.queryToken) adoptQueryToken(request);
    const apiKey = this.apiKeyFrom(request);
    let apiKeyLimitPerHour: number | undefined;
    if (apiKey !== undefined) {
      const now = new Date();
      const authenticated = this.apiKeys ? await authenticateApiKey(this.apiKeys, apiKey, now) : null;
      if (!authenticated) throw new AuthenticationRequiredError('The API key is invalid, revoked or expired');
      this.usage?.record(authenticated.principal.subject, authenticated.principal.tenant_id, now.getTime());
      request.user = authenticated.principal;
      apiKeyLimitPerHour = authenticated.rateLimitPerHour;
    } else {
      await super.canActivate(context);
    }
    if (access.requirement && request.user) assertAccess(request.user, access.requirement);
    if (this.rateLimiter && request.user) {
      const route = request.routeOptions?.url ?? 'unmatched';
      const weight = requestWeight(access.weigh, request.body);
      const limited = { principal: request.user, apiKeyLimitPerHour, method: request.method, route, weight };
      await applyRateLimit(this.rateLimiter, limited, context.switchToHttp().getResponse());
    }
    return true;
  }

  private accessOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let handlers = this.routes.get(controller);
    if (!handlers) this.routes.set(controller, (handlers = new WeakMap()));
    let access = handlers.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
        isOperator: this.reflector.getAllAndOverride<boolean>(OPERATOR_KEY, targets) === true,
        requirement: this.reflector.getAllAndOverride<AccessRequirement | undefined>(ACCESS_KEY, targets),
        weigh: this.reflector.get<RequestWeigher | undefined>(RATE_LIMIT_WEIGHT_KEY, handler),
        queryToken: this.reflector.get<boolean>(QUERY_TOKEN_KEY, handler) === true,
      };
      handlers.set(handler, access);
    }
    return access;
  }

  override handleRequest<TUser = Principal>(err: unknown, user: TUser | false): TUser {
    if (err || !user) throw new AuthenticationRequiredError('A valid bearer token is required');
    return user;
  }

  private checkOperatorKey(request: GuardedRequest): boolean {
    const given = request.headers['x-internal-api-key'];
    const expected = this.config.managementApiKey;
    if (typeof given !== 'string' || !expected || !constantTimeEquals(given, expected)) {
      throw new AuthenticationRequiredError('A valid x-internal-api-key is required');
    }
    return true;
  }

  private apiKeyFrom(request: GuardedRequest): string | undefined {
    const header = request.headers['x-api-key'];
    if (typeof header === 'string') return header;
    const auth = request.headers['authorization'];
    if (typeof auth === 'string' && API_KEY_BEARER.test(auth)) return auth.slice(7).trim();
    return undefined;
  }
}

/**
 * On a route that accepts a query token: `?access_token=` becomes the bearer header when the
 * request brought no credentials of its own, so JWTs and API keys go through the one path
 * below. (Logs never see it: they name the route, and redact `authorization`.)
 */
function adoptQueryToken(request: GuardedRequest): void {
  const token = (request.query as Record<string, unknown> | undefined)?.['access_token'];
  if (typeof token !== 'string' || !token) return;
  if (request.headers['authorization'] !== undefined || request.headers['x-api-key'] !== undefined) return;
  request.headers['authorization'] = `Bearer ${token}`;
}

export function assertAccess(principal: Principal, requirement: AccessRequirement): void {
  const missingRoles = (requirement.roles ?? []).filter((r) => !principal.roles.includes(r));
  if (missingRoles.length > 0) {
    throw new InsufficientPermissionsError('A required role is missing', { required_roles: requirement.roles });
  }
  const missingScopes = (requirement.scopes ?? []).filter((s) => !principal.scopes.includes(s));
  if (missingScopes.length === 0) return;
  const alt = requirement.orRoles;
  const roleOverride =
    alt === 'any' ? principal.kind === 'user' && principal.roles.length > 0 : (alt ?? []).some((r) => principal.roles.includes(r));
  if (!roleOverride) {
    throw new InsufficientPermissionsError('A required scope is missing', { required_scopes: missingScopes });
  }
}

/** Compares two secrets without leaking their length or content through timing. */
export function constantTimeEquals(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
