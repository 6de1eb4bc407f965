// @RawBody hands its route the exact bytes whatever the content type, while every other route
// of the same app keeps Fastify's parsing (JSON parsed, text as a string, 415 otherwise).
import Fastify, { FastifyInstance } from 'fastify';
import { watchRawBodyRoutes } from './raw-body';

describe('@RawBody routes', () => {
  let fastify: FastifyInstance;

  beforeAll(async () => {
    fastify = Fastify({ bodyLimit: 100 });
    const install = watchRawBodyRoutes(fastify);
    const describeBody = async (request: { body: unknown }) => ({ buffer: Buffer.isBuffer(request.body), body: Buffer.isBuffer(request.body) ? request.body.toString('latin1') : request.body });
    fastify.post('/raw', { config: { heraldRawBody: true } }, describeBody);
    fastify.post('/parsed', describeBody);
    install();
    await fastify.ready();
  });

  afterAll(() => fastify.close());

  const send = (url: string, contentType: string, payload: string | Buffer) => fastify.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });

  it('gives the raw route the bytes as sent, JSON or not, and keeps the body limit', async () => {
    const spaced = '{ "a" : 1,\n  "b": [ ] }';
    expect((await send('/raw', 'application/json', spaced)).json()).toEqual({ buffer: true, body: spaced });
    expect((await send('/raw', 'application/json', 'not json')).json()).toEqual({ buffer: true, body: 'not json' });
    expect((await send('/raw', 'application/octet-stream', Buffer.from([0xff, 0x00]))).json()).toEqual({ buffer: true, body: '\u00ff\u0000' });
    expect((await send('/raw', 'text/plain', 'hi')).json()).toEqual({ buffer: true, body: 'hi' });
    expect((await send('/raw', 'application/json', `"${'x'.repeat(200)}"`)).statusCode).toBe(413);
  });

  it('parses as before on every other route', async () => {
    expect((await send('/parsed', 'application/json', '{"a":1}')).json()).toEqual({ buffer: false, body: { a: 1 } });
    expect((await send('/parsed', 'application/json', '{"a":')).statusCode).toBe(400);
    expect((await send('/parsed', 'application/json', '{"__proto__":{"x":1}}')).statusCode).toBe(400);
    expect((await send('/parsed', 'text/plain', 'hi')).json()).toEqual({ buffer: false, body: 'hi' });
    expect((await send('/parsed', 'application/octet-stream', 'x')).statusCode).toBe(415);
  });
});
