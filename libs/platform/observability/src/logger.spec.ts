import { createLogger, LOG_SECRETS, REDACTED } from './logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('spec-app', 'debug', { write: (line: string) => void lines.push(line) });
  return { logger, text: () => lines.join(''), last: () => JSON.parse(lines[lines.length - 1]) as Record<string, unknown> };
}

const titleCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

describe('createLogger redaction', () => {
  const placements: Array<[string, (headers: Record<string, string>) => Record<string, unknown>]> = [
    ['req.headers', (headers) => ({ req: { method: 'GET', headers } })],
    ['headers', (headers) => ({ headers })],
    ['<any>.headers', (headers) => ({ provider: { headers } })],
    ['<any>.<any>.headers', (headers) => ({ err: { response: { headers } } })],
  ];

  for (const header of LOG_SECRETS.headers) {
    for (const [where, build] of placements) {
      it(`redacts ${header} in ${where}, in lower and Title-Case`, () => {
        const { logger, text } = capture();
        logger.info(build({ [header]: 'SECRET-L', [titleCase(header)]: 'SECRET-T', accept: 'application/json' }), 'line');
        expect(text()).not.toContain('SECRET-');
        expect(text()).toContain(REDACTED);
        expect(text()).toContain('application/json');
      });
    }
  }

  for (const field of LOG_SECRETS.fields) {
    it(`redacts the ${field} field at the top level and two levels down`, () => {
      const { logger, text } = capture();
      logger.info({ [field]: 'SECRET-0', integration: { [field]: 'SECRET-1', provider: 'acme', config: { [field]: 'SECRET-2' } } }, 'line');
      expect(text()).not.toContain('SECRET-');
      expect(text()).toContain('acme');
    });
  }

  it('leaves no secret in a line built from a request-like object, and keeps what is not secret', () => {
    const { logger, text, last } = capture();
    const request = {
      method: 'GET',
      route: '/api/v1/notifications/sse',
      headers: { authorization: 'Bearer eyJ.SECRET-JWT', cookie: 'session=SECRET-COOKIE', 'x-request-id': 'req-1', host: 'herald.test' },
    };
    logger.warn({ req: request, headers: request.headers, route: request.route, body: { password: 'SECRET-PW', name: 'ops' } }, 'request');
    expect(text()).not.toMatch(/SECRET-/);
    expect(last()).toMatchObject({
      msg: 'request',
      route: '/api/v1/notifications/sse',
      req: { method: 'GET', headers: { authorization: REDACTED, cookie: REDACTED, 'x-request-id': 'req-1', host: 'herald.test' } },
      body: { password: REDACTED, name: 'ops' },
    });
  });

  it('writes to stdout when no destination is given', () => {
    const logger = createLogger('spec-app', 'warn');
    expect(logger.level).toBe('warn');
    expect(logger.isLevelEnabled('info')).toBe(false);
  });
});
