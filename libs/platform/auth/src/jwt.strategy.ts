// passport-jwt strategy (SPEC §3): HS256 with JWT_SECRET, or RS256 through JWT_JWKS_URI.
// One algorithm is allowed at a time, so `alg: none` and algorithm confusion are refused;
// iss, aud and exp are required and checked; claims become a Principal.
import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy, StrategyOptionsWithoutRequest } from 'passport-jwt';
import { Principal, ROLES, Role, SCOPES, Scope } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';

export const JWT_STRATEGY = 'herald-jwt';

/**
 * Bearer header only. A route marked @AcceptQueryToken (the live stream, SPEC §7, for
 * browsers' EventSource) has the guard turn `access_token` in its query into this header;
 * no other route does, so tokens don't end up in URLs elsewhere.
 */
const fromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();

export function strategyOptions(config: HeraldConfig): StrategyOptionsWithoutRequest {
  const common = {
    jwtFromRequest: fromRequest,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    ignoreExpiration: false,
  };
  if (config.jwt.jwksUri) {
    return {
      ...common,
      algorithms: ['RS256'],
      secretOrKeyProvider: passportJwtSecret({ jwksUri: config.jwt.jwksUri, cache: true, rateLimit: true }),
    };
  }
  // A KeyObject, not the string: jsonwebtoken would otherwise try to parse the string as a
  // public key on every verify (a third of the gateway's CPU in the benchmark).
  return { ...common, algorithms: ['HS256'], secretOrKey: createSecretKey(Buffer.from(config.jwt.secret as string, 'utf8')) as unknown as string };
}

export interface JwtClaims {
  sub?: unknown;
  tenant_id?: unknown;
  roles?: unknown;
  groups?: unknown;
  scope?: unknown;
  exp?: unknown;
}

/** Returns the principal, or null when a required claim is missing or malformed. */
export function principalFromClaims(claims: JwtClaims): Principal | null {
  if (typeof claims.exp !== 'number') return null;
  if (typeof claims.sub !== 'string' || !claims.sub) return null;
  if (typeof claims.tenant_id !== 'string' || !claims.tenant_id) return null;
  const roles = claims.roles ?? [];
  const groups = claims.groups ?? [];
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) return null;
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) return null;
  if (claims.scope !== undefined && typeof claims.scope !== 'string') return null;
  const scopes = (claims.scope ?? '').split(' ').filter(Boolean);
  return {
    kind: 'user',
    subject: claims.sub,
    tenant_id: claims.tenant_id,
    roles: roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    groups,
    scopes: scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
  };
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(@Inject(HERALD_CONFIG) config: HeraldConfig) {
    super(strategyOptions(config));
  }

  validate(claims: JwtClaims): Principal | false {
    return principalFromClaims(claims) ?? false;
  }
}
