import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isDataError } from './database-errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database error classes', () => {
  it('treats refused connections, shutdowns and pool timeouts as unavailable', () => {
    expect(isDatabaseUnavailable(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('sees through TypeORM wrapping the driver error', () => {
    const wrapped = new QueryFailedError('SELECT 1', [], pgError('57P01'));
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDataError(new QueryFailedError('INSERT', [], pgError('22P05', 'unsupported Unicode escape sequence')))).toBe(true);
  });

  it('classes data and integrity errors apart from outages and from bugs', () => {
    expect(isDataError(pgError('23505'))).toBe(true);
    expect(isDataError(pgError('22001'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('23505'))).toBe(false);
    expect(isDataError(pgError('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isDataError(new Error('boom'))).toBe(false);
  });
});
