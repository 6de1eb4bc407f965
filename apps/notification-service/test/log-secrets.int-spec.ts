// No secret reaches a log line: a real notification-service logging at debug into a
// captured stream gets tokens in the query string and in headers on requests that end in
// 401, 404 and 500 (a test-only route that logs its headers carelessly, then throws). The
// log names each route and holds none of the secrets.
import { Controller, DynamicModule, Get, Inject, Module, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger } from '@herald/platform/observability';
import { createTestInfrastructure, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

const SLOW = 30_000;
const QUERY_TOKEN = 'SECRET123';
const BEARER = 'SECRET456';
const API_KEY = 'SECRET789';
const HEADER_SECRETS = { cookie: 'session=SECRETCOOKIE', 'x-internal-api-key': 'SECRETOPS', 'x-acme-signature': 't=1,v1=SECRETSIG' };

@Controller('log-probe')
class CarelessController {
  constructor(@Inject(HERALD_LOGGER) private readonly logger: HeraldLogger) {}

  @Get('fail')
  fail(@Req() request: FastifyRequest): never {
    this.logger.info({ headers: request.headers, query: request.query }, 'careless handler logs its request');
    throw new Error('probe failure');
  }
}

@Module({})
class ProbeAppModule {
  static forRoot(config: HeraldConfig, logger: HeraldLogger): DynamicModule {
    return { module: ProbeAppModule, imports: [AppModule.forRoot(config, logger)], controllers: [CarelessController] };
  }
}

interface LogLine {
  msg: string;
  method?: string;
  route?: string;
  status?: number;
  headers?: Record<string, string>;
}

describe('notification-service logs', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let validJwt: string;
  const captured: string[] = [];
  const lines = () => captured.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
  const get = (path: string, headers: Record<string, string>) => fetch(`${app.url}${path}?access_token=${QUERY_TOKEN}&page=1`, { headers });

  beforeAll(async () => {
    infra = await createTestInfrastructure('log_secrets');
    const destination = { write: (chunk: string) => void captured.push(chunk) };
    app = await startTestApp(APP_DEFAULTS, (c, logger) => ProbeAppModule.forRoot(c, logger), infra, { LOG_LEVEL: 'debug' }, { logDestination: destination });
    validJwt = app.token({ sub: 'u1', tenant_id: 'tn_logs', scope: ['notifications:read'] });
    const responses = await Promise.all([
      get('/api/v1/notifications', { authorization: `Bearer ${BEARER}` }),
      get('/api/v1/no-such-route', { authorization: `Bearer ${BEARER}`, 'x-api-key': API_KEY, ...HEADER_SECRETS }),
      get('/api/v1/log-probe/fail', { authorization: `Bearer ${validJwt}`, ...HEADER_SECRETS }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([401, 404, 500]);
  }, SLOW);

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  it('writes no token or secret header, from the query string, the headers or a careless handler', () => {
    const text = captured.join('');
    expect(text).toContain('careless handler logs its request');
    for (const secret of [QUERY_TOKEN, BEARER, validJwt, validJwt.split('.')[2], API_KEY, 'SECRETCOOKIE', 'SECRETOPS', 'SECRETSIG']) {
      expect(text).not.toContain(secret);
    }
    const careless = lines().find((l) => l.msg === 'careless handler logs its request');
    expect(careless?.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]', 'x-acme-signature': '[redacted]' });
  });

  it('names the route (the pattern, not the URL) of a 500, and of 401 and 404 at debug', () => {
    const all = lines();
    expect(all).toContainEqual(expect.objectContaining({ msg: 'unhandled error', method: 'GET', route: '/api/v1/log-probe/fail' }));
    expect(all).toContainEqual(expect.objectContaining({ msg: 'request completed', route: '/api/v1/notifications', status: 401 }));
    expect(all).toContainEqual(expect.objectContaining({ msg: 'request completed', status: 404 }));
    expect(captured.join('')).not.toMatch(/access_token=|\/no-such-route/);
  });
});
