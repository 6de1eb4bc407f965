import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { NotFoundError, RateLimitedError, UnprocessableError } from '@herald/contracts';
import { mapError } from './exception.filter';

describe('mapError', () => {
  it('keeps a typed error\'s code, status and details', () => {
    const mapped = mapError(new UnprocessableError('bad payload', [{ path: 'payload.x', message: 'is required' }]));
    expect(mapped.status).toBe(422);
    expect(mapped.body.error).toEqual({ code: 'VALIDATION_ERROR', message: 'bad payload', details: { errors: [{ path: 'payload.x', message: 'is required' }] } });
    expect(mapError(new NotFoundError('webhook', 'w1')).body.error.code).toBe('RESOURCE_NOT_FOUND');
  });

  it('adds Retry-After to RATE_LIMITED', () => {
    const mapped = mapError(new RateLimitedError(30));
    expect(mapped.status).toBe(429);
    expect(mapped.headers).toEqual({ 'retry-after': '30' });
  });

  it('maps framework and Fastify errors onto SPEC codes', () => {
    expect(mapError(new NotFoundException()).body.error.code).toBe('RESOURCE_NOT_FOUND');
    expect(mapError(new BadRequestException('nope')).body.error.code).toBe('VALIDATION_ERROR');
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(mapError(tooLarge)).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    const badJson = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    expect(mapError(badJson).body.error.message).toBe('The request body is not valid JSON');
  });

  it('never leaks an unknown error\'s message', () => {
    const mapped = mapError(new Error('relation "secret_table" does not exist'));
    expect(mapped.status).toBe(500);
    expect(mapped.body.error).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'An unexpected error occurred', details: {} });
  });

  it('answers 503 with Retry-After, never the driver text, when the database is unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' });
    const mapped = mapError(refused);
    expect(mapped.status).toBe(503);
    expect(mapped.headers).toEqual({ 'retry-after': '5' });
    expect(mapped.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(mapped.body)).not.toMatch(/10\.1\.2\.3|5432|ECONNREFUSED/);
  });

  it('reports failing health checks on 503', () => {
    const err = new ServiceUnavailableException({ status: 'error', error: { redis: { status: 'down' } }, details: { redis: { status: 'down' }, database: { status: 'up' } } });
    expect(mapError(err).body.error.details).toEqual({ checks: { redis: { status: 'down' }, database: { status: 'up' } }, failing: ['redis'] });
  });
});
