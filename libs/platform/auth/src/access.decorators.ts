// Route metadata for the access guard: public routes, operator routes, required scopes and
// roles, and the parameter decorator that hands a handler its Principal.
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role, Scope } from '@herald/contracts';

export const PUBLIC_KEY = 'herald:public';
export const OPERATOR_KEY = 'herald:operator';
export const ACCESS_KEY = 'herald:access';
export const QUERY_TOKEN_KEY = 'herald:query-token';

export interface AccessRequirement {
  /** Every listed scope is required... */
  scopes?: Scope[];
  /** ...unless the caller holds one of these roles (`'any'` = any role at all). */
  orRoles?: Role[] | 'any';
  /** Every listed role is required. */
  roles?: Role[];
}

/** No authentication (health, metrics, provider webhooks that verify their own signature). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Operator routes: `x-internal-api-key` must equal MANAGEMENT_API_KEY. */
export const OperatorOnly = (): MethodDecorator & ClassDecorator => SetMetadata(OPERATOR_KEY, true);

/**
 * The route also takes its bearer token (JWT or API key) from the `access_token` query
 * parameter, for browsers' EventSource, which cannot send headers. Only the live stream opts
 * in: a token in a URL ends up in proxies' and browsers' history, so every other route refuses it.
 * A header, when present, wins.
 */
export const AcceptQueryToken = (): MethodDecorator => SetMetadata(QUERY_TOKEN_KEY, true);

export const RequireAccess = (requirement: AccessRequirement): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, requirement);

export const RequireScopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator => RequireAccess({ scopes });

interface RequestWithPrincipal {
  user?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().user;
  if (!principal) throw new Error('CurrentPrincipal used on a route without an authenticated principal');
  return principal;
});
