// Integration credentials at rest (SPEC §5): the platform's SecretBox (AES-256-GCM) with the key
// from INTEGRATION_CREDENTIALS_KEY, bound to the integration's id as associated data, so a sealed
// value copied onto another row does not open. Management seals on write; the ingress and the
// delivery worker open on read. Plain credentials never leave the process that opened them.
import { Provider } from '@nestjs/common';
import { ConfigError, HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { SecretBox } from '@herald/platform/secrets';

export type IntegrationCredentials = Readonly<Record<string, string>>;

/** Integration credentials as JSON in a SecretBox (`v1.<iv>.<tag>.<ciphertext>`, bound to the integration id). */
export class CredentialsCipher {
  private constructor(private readonly box: SecretBox) {}

  /** Refuses to start without a key (unset in production), so no app runs unable to open what it stored. */
  static fromConfig(config: Pick<HeraldConfig, 'integrationCredentialsKey'>): CredentialsCipher {
    if (!config.integrationCredentialsKey) throw new ConfigError('INTEGRATION_CREDENTIALS_KEY', 'is required in production');
    return new CredentialsCipher(new SecretBox(config.integrationCredentialsKey));
  }

  seal(integrationId: string, credentials: IntegrationCredentials): string {
    return this.box.seal(integrationId, JSON.stringify(credentials));
  }

  /** Throws when the value was not sealed with this key for this integration (tampered, moved or another key). */
  open(integrationId: string, sealed: string): IntegrationCredentials {
    return JSON.parse(this.box.open(integrationId, sealed)) as IntegrationCredentials;
  }
}

/** The app's one CredentialsCipher, from its config (refuses to start without a key in production). */
export const credentialsCipherProvider: Provider = {
  provide: CredentialsCipher,
  inject: [HERALD_CONFIG],
  useFactory: (config: HeraldConfig) => CredentialsCipher.fromConfig(config),
};
