// API keys (SPEC §3): `hk_<prefix>_<secret>`. The prefix finds the key through ApiKeySource,
// a read-only lookup the management context (owner of api_keys) provides globally; only a
// sha256 of the secret is stored and compared in constant time. sha256 and not bcrypt: the
// secret is 32 random bytes, so a slow hash adds nothing against guessing and would cost
// every request a deliberate ~100 ms. A per-process cache of found keys belongs in front
// of the source (a caching ApiKeySource), not in the guard.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { planAllows, PlanUpgradeRequiredError, Principal, SCOPES, Scope } from '@herald/contracts';

export interface StoredApiKey {
  id: string;
  tenantId: string;
  /** Hex sha256 of the secret. */
  hash: string;
  scopes: string[];
  /** Requests per hour (SPEC §3, default 1000). */
  rateLimit: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Set on the old key when it is rotated: it keeps working until then. */
  graceUntil: Date | null;
  /** The key's tenant's plan (null for a tenant that no longer exists). */
  tenantPlan: string | null;
}

/**
 * Finds a key by its prefix. Provide it from a @Global() module: the guard lives in the
 * auth module and sees only its own and global providers.
 */
export interface ApiKeySource {
  findByPrefix(prefix: string): Promise<StoredApiKey | null>;
}
export const API_KEY_SOURCE = Symbol('API_KEY_SOURCE');

const API_KEY_PATTERN = /^hk_([A-Za-z0-9]{8,32})_([A-Za-z0-9_-]{20,128})$/;

export function parseApiKey(raw: string): { prefix: string; secret: string } | null {
  const match = API_KEY_PATTERN.exec(raw);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new key: `key` is shown once to its owner; `prefix` and `hash` are what is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `hk_${prefix}_${secret}`, prefix, hash: hashApiKeySecret(secret) };
}

function isApiKeyUsable(key: StoredApiKey, now: Date): boolean {
  if (key.revokedAt) return false;
  if (key.expiresAt && key.expiresAt <= now) return false;
  return !(key.graceUntil && key.graceUntil <= now);
}

export interface AuthenticatedApiKey {
  principal: Principal;
  rateLimitPerHour: number;
}

/**
 * The key's principal (its tenant and scopes), or null when it is malformed, unknown, wrong,
 * revoked or expired. A valid key of a tenant whose plan no longer includes API keys (a
 * downgrade) is 403 PLAN_UPGRADE_REQUIRED: disabled, not deleted — an upgrade brings it back.
 */
export async function authenticateApiKey(source: ApiKeySource, raw: string, now: Date): Promise<AuthenticatedApiKey | null> {
  const parsed = parseApiKey(raw);
  if (!parsed) return null;
  const key = await source.findByPrefix(parsed.prefix);
  if (!key || !hashMatches(hashApiKeySecret(parsed.secret), key.hash) || !isApiKeyUsable(key, now)) return null;
  if (!planAllows(key.tenantPlan ?? '', 'api_keys')) throw new PlanUpgradeRequiredError('scale', key.tenantPlan ?? 'none');
  return {
    principal: {
      kind: 'api_key',
      subject: key.id,
      tenant_id: key.tenantId,
      roles: [],
      groups: [],
      scopes: key.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
    },
    rateLimitPerHour: key.rateLimit,
  };
}

function hashMatches(given: string, stored: string): boolean {
  const a = Buffer.from(given, 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
