import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed for the same row, and never stores the plaintext', () => {
    const sealed = box.seal('row-1', 'whsec_c2VjcmV0');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('c2VjcmV0');
    expect(box.open('row-1', sealed)).toBe('whsec_c2VjcmV0');
  });

  it('seals the same value differently each time (fresh IV)', () => {
    expect(box.seal('row-1', 'same')).not.toBe(box.seal('row-1', 'same'));
  });

  it('refuses a value moved to another row, sealed with another key, tampered or malformed', () => {
    const sealed = box.seal('row-1', 'whsec_c2VjcmV0');
    expect(() => box.open('row-2', sealed)).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open('row-1', sealed)).toThrow();
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open('row-1', [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => box.open('row-1', 'whsec_plain')).toThrow(/unknown format/);
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32-byte/);
  });
});
