import { ErrorCode, parseUserId } from '@herald/contracts';
import { checkDirectoryUser, directoryUserId } from './directory-user.rules';

const id = parseUserId('u_1');

describe('directory user rules', () => {
  it('takes a full entry, roles and groups once each', () => {
    const body = { email: 'ana@example.com', phone: '+14155550100', roles: ['ops', 'admin', 'ops'], groups: ['oncall'], attributes: { region: 'eu' } };
    expect(checkDirectoryUser(id, body)).toEqual({ id, email: 'ana@example.com', phone: '+14155550100', roles: ['ops', 'admin'], groups: ['oncall'], attributes: { region: 'eu' } });
    expect(checkDirectoryUser(id, {})).toEqual({ id, email: null, phone: null, roles: [], groups: [], attributes: {} });
  });

  it('answers 422 naming every bad field', () => {
    const body = { email: 'not-an-email', phone: '555-0100', roles: ['ops', 'root'], groups: [''], attributes: { blob: 'x'.repeat(9000) } };
    const named = (path: string) => ({ path, message: expect.any(String) });
    expect(() => checkDirectoryUser(id, body)).toThrow(
      expect.objectContaining({
        status: 422,
        code: ErrorCode.VALIDATION_ERROR,
        details: { errors: ['email', 'phone', 'roles[1]', 'groups[0]', 'attributes'].map(named) },
      }),
    );
  });

  it('takes ids of letters, digits and ._:@- and answers 400 naming id otherwise', () => {
    expect(directoryUserId('ana.lopez@acme:42')).toBe('ana.lopez@acme:42');
    expect(() => directoryUserId('has space')).toThrow(expect.objectContaining({ status: 400, details: { errors: [{ path: 'id', message: expect.any(String) }] } }));
  });
});
