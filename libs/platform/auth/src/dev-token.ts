// Mints HS256 tokens with the SPEC §3 claims for development and tests (`npm run token`).
import jwt from 'jsonwebtoken';
import { Role, Scope } from '@herald/contracts';
import { HeraldConfig } from '@herald/platform/config';

export interface DevTokenClaims {
  sub: string;
  tenant_id: string;
  roles?: Role[];
  groups?: string[];
  scope?: Scope[] | string;
  expiresInSeconds?: number;
}

export function signDevToken(config: Pick<HeraldConfig, 'jwt'>, claims: DevTokenClaims): string {
  if (!config.jwt.secret) throw new Error('dev tokens need JWT_SECRET (HS256)');
  const { expiresInSeconds = 12 * 3600, scope, ...rest } = claims;
  return jwt.sign(
    { ...rest, roles: rest.roles ?? [], groups: rest.groups ?? [], scope: Array.isArray(scope) ? scope.join(' ') : (scope ?? '') },
    config.jwt.secret,
    { algorithm: 'HS256', issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: expiresInSeconds },
  );
}
