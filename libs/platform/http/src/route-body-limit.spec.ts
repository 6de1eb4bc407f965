// @RouteBodyLimit sets the route's Fastify bodyLimit and composes with @RawResponse in either order.
import 'reflect-metadata';
import Fastify from 'fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { RAW_RESPONSE, RawResponse } from './envelope';
import { applyRouteBodyLimits, RouteBodyLimit } from './route-body-limit';

describe('@RouteBodyLimit', () => {
  const configOf = (handler: unknown) => Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler as object) as Record<string, unknown>;

  it('keeps the other route config keys, whichever decorator runs first', () => {
    class Routes {
      @RouteBodyLimit(2048)
      @RawResponse()
      limitLast(): string {
        return 'a';
      }

      @RawResponse()
      @RouteBodyLimit(4096)
      rawLast(): string {
        return 'b';
      }
    }
    expect(configOf(Routes.prototype.limitLast)).toEqual({ [RAW_RESPONSE]: true, heraldBodyLimit: 2048 });
    expect(configOf(Routes.prototype.rawLast)).toEqual({ [RAW_RESPONSE]: true, heraldBodyLimit: 4096 });
  });

  it('answers 413 above the route limit and takes a body above the server limit on that route', async () => {
    const fastify = Fastify({ bodyLimit: 100 });
    applyRouteBodyLimits(fastify);
    fastify.post('/big', { config: { heraldBodyLimit: 1000 } }, async () => 'ok');
    fastify.post('/small', async () => 'ok');
    const send = (url: string, bytes: number) =>
      fastify.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'y'.repeat(bytes) }) });
    expect((await send('/big', 500)).statusCode).toBe(200);
    expect((await send('/big', 1500)).statusCode).toBe(413);
    expect((await send('/small', 500)).statusCode).toBe(413);
    await fastify.close();
  });
});
