// Integration credentials at rest (SPEC §5): AES-256-GCM with the key from
// INTEGRATION_CREDENTIALS_KEY, bound to the integration's id as associated data, so a sealed
// value copied onto another row does not open. Management seals on write; the ingress and the
// delivery worker open on read. Plain credentials never leave the process that opened them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError, HeraldConfig } from '@herald/platform/config';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type IntegrationCredentials = Readonly<Record<string, string>>;

export class CredentialsCipher {
  private constructor(private readonly key: Buffer) {}

  /** Refuses to start without a key (unset in production), so no app runs unable to open what it stored. */
  static fromConfig(config: Pick<HeraldConfig, 'integrationCredentialsKey'>): CredentialsCipher {
    if (!config.integrationCredentialsKey) throw new ConfigError('INTEGRATION_CREDENTIALS_KEY', 'is required in production');
    return new CredentialsCipher(config.integrationCredentialsKey);
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  seal(integrationId: string, credentials: IntegrationCredentials): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(integrationId));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), sealed].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** Throws when the value was not sealed with this key for this integration (tampered, moved or another key). */
  open(integrationId: string, sealed: string): IntegrationCredentials {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('sealed credentials have an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES })
      .setAAD(Buffer.from(integrationId))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as IntegrationCredentials;
  }
}
