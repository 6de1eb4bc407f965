import 'reflect-metadata';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { Page } from '@herald/contracts';
import { RAW_RESPONSE, RawResponse, wrap } from './envelope';

describe('wrap', () => {
  it('wraps data and moves page metadata into meta', () => {
    expect(wrap({ a: 1 }, 'r1')).toEqual({ success: true, data: { a: 1 }, meta: { request_id: 'r1' } });
    expect(wrap(new Page([1, 2], { next_cursor: 'c' }), 'r2')).toEqual({ success: true, data: [1, 2], meta: { request_id: 'r2', next_cursor: 'c' } });
  });

  it('answers a handler that returns nothing with data: null', () => {
    expect(wrap(undefined, 'r3')).toEqual({ success: true, data: null, meta: { request_id: 'r3' } });
  });
});

describe('@RawResponse', () => {
  const configOf = (handler: unknown) => Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler as object);

  it('marks one route, or every route of a controller, in its Fastify route config', () => {
    class OneRoute {
      @RawResponse()
      raw(): string {
        return 'x';
      }
      wrapped(): string {
        return 'y';
      }
    }
    @RawResponse()
    class AllRoutes {
      a(): string {
        return 'a';
      }
      b(): string {
        return 'b';
      }
    }
    expect(configOf(OneRoute.prototype.raw)).toEqual({ [RAW_RESPONSE]: true });
    expect(configOf(OneRoute.prototype.wrapped)).toBeUndefined();
    expect(configOf(AllRoutes.prototype.a)).toEqual({ [RAW_RESPONSE]: true });
    expect(configOf(AllRoutes.prototype.b)).toEqual({ [RAW_RESPONSE]: true });
  });
});
