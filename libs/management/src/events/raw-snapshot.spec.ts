import { LOG_SECRETS } from '@herald/platform/observability';
import { redactedSnapshot } from './raw-snapshot';

describe('redactedSnapshot', () => {
  it('redacts every platform secret header, in any case, and keeps the rest as stored', () => {
    const secrets = Object.fromEntries(LOG_SECRETS.headers.map((name) => [name.toUpperCase(), 'sekrit']));
    const shown = redactedSnapshot({ headers: { ...secrets, 'content-type': 'application/json' }, body: '{"a":1}', body_sha256: 'ab' });
    expect(JSON.stringify(shown)).not.toContain('sekrit');
    expect(shown).toMatchObject({ headers: { 'content-type': 'application/json', 'X-ACME-SIGNATURE': '[redacted]' }, body: '{"a":1}', body_sha256: 'ab' });
  });

  it('leaves an absent snapshot or one without headers alone', () => {
    expect(redactedSnapshot(null)).toBeNull();
    expect(redactedSnapshot({ body: 'x' })).toEqual({ body: 'x' });
  });
});
