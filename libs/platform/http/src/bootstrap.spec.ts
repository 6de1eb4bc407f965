import { ConfigError } from '@herald/platform/config';
import { describeStartupFailure } from './bootstrap';

describe('describeStartupFailure', () => {
  it('prints a configuration error as its one line', () => {
    expect(describeStartupFailure(new ConfigError('PORT', 'must be an integer, got "abc"'))).toBe(
      'invalid configuration: PORT must be an integer, got "abc"',
    );
  });

  it('names the unreachable service and the command that starts it', () => {
    expect(describeStartupFailure(new Error('cannot connect to PostgreSQL at DATABASE_URL (postgres://x@h:1/db): connect ECONNREFUSED'))).toMatch(
      /^cannot reach PostgreSQL \(DATABASE_URL\): .* Start it with: pg_ctlcluster/,
    );
    expect(describeStartupFailure(new Error('cannot connect to RabbitMQ at AMQP_URL within 15 s'))).toMatch(/Start it with: rabbitmq-server -detached$/);
  });

  it('points at migrations when tables are missing', () => {
    expect(describeStartupFailure(new Error('relation "events" does not exist'))).toMatch(/npm run migrate/);
  });
});
