// What a new API key may be (SPEC §3): scopes from the SPEC list, at least one; an expiry in
// the future. A key that manages keys can grant only the scopes it holds itself, so a key
// cannot mint a more powerful one (a user with role admin or `keys:manage` can grant any).
import { FieldError, InsufficientPermissionsError, Principal, SCOPES, Scope, UnprocessableError } from '@herald/contracts';
import { CreateApiKeyDto } from './api-key.dto';

const KNOWN_SCOPES: ReadonlySet<string> = new Set(SCOPES);

/** The requested scopes, checked (422 naming each bad one) and deduplicated. */
export function checkNewApiKey(body: CreateApiKeyDto, now: Date): Scope[] {
  const errors: FieldError[] = [];
  if (body.scopes.length === 0) errors.push({ path: 'scopes', message: `must name at least one of ${SCOPES.join(', ')}` });
  body.scopes.forEach((scope, i) => {
    if (!KNOWN_SCOPES.has(scope)) errors.push({ path: `scopes[${i}]`, message: `unknown scope '${scope}'` });
  });
  if (body.expires_at !== undefined && new Date(body.expires_at) <= now) {
    errors.push({ path: 'expires_at', message: 'must be in the future' });
  }
  if (errors.length > 0) throw new UnprocessableError('The API key is invalid', errors);
  return [...new Set(body.scopes as Scope[])];
}

/** 403 when an API key asks for scopes it does not hold itself. */
export function assertGrantable(caller: Principal, scopes: Scope[]): void {
  if (caller.kind !== 'api_key') return;
  const beyond = scopes.filter((scope) => !caller.scopes.includes(scope));
  if (beyond.length > 0) throw new InsufficientPermissionsError('An API key can grant only scopes it holds', { scopes: beyond });
}
