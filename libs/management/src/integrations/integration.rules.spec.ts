import { UnprocessableError } from '@herald/contracts';
import { checkIntegration } from './integration.rules';

function pathsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof UnprocessableError) return (err.details as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
    throw err;
  }
  return [];
}

describe('checkIntegration', () => {
  const dev = { production: false, credentialsRequired: true };

  it('takes a registered provider with exactly its credential fields', () => {
    const checked = checkIntegration({ provider: 'acme', callback_url: 'http://localhost:9000/cb', credentials: { secret: 's3' } }, dev);
    expect(checked.provider.name).toBe('acme');
    expect(checked.credentials).toEqual({ secret: 's3' });
  });

  it('names an unknown provider', () => {
    expect(pathsOf(() => checkIntegration({ provider: 'initech', credentials: {} }, dev))).toEqual(['provider']);
  });

  it('names missing, empty, non-string and foreign credential fields, never their values', () => {
    expect(pathsOf(() => checkIntegration({ provider: 'globex' }, dev))).toEqual(['credentials']);
    expect(pathsOf(() => checkIntegration({ provider: 'globex', credentials: { token: '' } }, dev))).toEqual(['credentials.token']);
    expect(pathsOf(() => checkIntegration({ provider: 'globex', credentials: { token: 7, secret: 'x' } }, dev))).toEqual(['credentials.token', 'credentials.secret']);
    let refused: unknown;
    try {
      checkIntegration({ provider: 'acme', credentials: { secret: 'x'.repeat(1025), token: 'nor-this' } }, dev);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(UnprocessableError);
    expect(JSON.stringify((refused as UnprocessableError).details)).not.toMatch(/xxxx|nor-this/);
  });

  it('lets credentials be absent when not required', () => {
    expect(checkIntegration({ provider: 'acme' }, { production: false, credentialsRequired: false }).credentials).toBeUndefined();
  });

  it('wants an https callback in production only', () => {
    const target = { provider: 'acme', callback_url: 'http://partner.example/cb', credentials: { secret: 's' } };
    expect(pathsOf(() => checkIntegration(target, { production: true, credentialsRequired: true }))).toEqual(['callback_url']);
    expect(pathsOf(() => checkIntegration(target, dev))).toEqual([]);
    expect(pathsOf(() => checkIntegration({ ...target, callback_url: null }, { production: true, credentialsRequired: true }))).toEqual([]);
  });
});
