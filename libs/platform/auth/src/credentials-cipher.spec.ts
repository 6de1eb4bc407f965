import { randomBytes } from 'node:crypto';
import { loadConfig } from '@herald/platform/config';
import { CredentialsCipher } from './credentials-cipher';

const cipher = CredentialsCipher.fromConfig({ integrationCredentialsKey: randomBytes(32) });
const id = '5f0c1a52-7f7e-4f38-9d0c-0d6f1d1b2a11';

describe('CredentialsCipher', () => {
  it('opens what it sealed for the same integration, and the sealed text holds no plain value', () => {
    const sealed = cipher.seal(id, { secret: 'acme-secret-value' });
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('acme-secret-value');
    expect(cipher.open(id, sealed)).toEqual({ secret: 'acme-secret-value' });
  });

  it('refuses a value moved to another integration, tampered, or sealed with another key', () => {
    const sealed = cipher.seal(id, { token: 't' });
    expect(() => cipher.open('another-integration', sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('{"token":"u"}').toString('base64url');
    expect(() => cipher.open(id, parts.join('.'))).toThrow();
    const other = CredentialsCipher.fromConfig({ integrationCredentialsKey: randomBytes(32) });
    expect(() => other.open(id, sealed)).toThrow();
    expect(() => cipher.open(id, 'plain')).toThrow(/unknown format/);
  });

  it('takes the key from INTEGRATION_CREDENTIALS_KEY, with a dev key outside production and none in production', () => {
    const defaults = { appName: 't', port: 0 };
    const hex = randomBytes(32).toString('hex');
    expect(loadConfig(defaults, { INTEGRATION_CREDENTIALS_KEY: hex }).integrationCredentialsKey).toEqual(Buffer.from(hex, 'hex'));
    expect(loadConfig(defaults, {}).integrationCredentialsKey).toHaveLength(32);
    expect(() => loadConfig(defaults, { INTEGRATION_CREDENTIALS_KEY: 'CHANGE_ME' })).toThrow(/INTEGRATION_CREDENTIALS_KEY must be 32 bytes/);
    const production = loadConfig(defaults, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(() => CredentialsCipher.fromConfig(production)).toThrow(/INTEGRATION_CREDENTIALS_KEY is required in production/);
  });
});
