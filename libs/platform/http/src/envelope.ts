// The one success envelope: every handler result goes out as {success, data, meta}; a Page
// result puts its pagination into meta. Routes marked @RawResponse are sent as they are.
// It wraps where Nest hands the result to Fastify (the adapter's reply), not in an rxjs
// interceptor: an interceptor costs each request an Observable chain and two
// AsyncResource.bind calls (each building deprecation wrappers on Node 20).
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { Page, SuccessEnvelope } from '@herald/contracts';
import { mergeRouteConfig } from './route-body-limit';

/** Fastify route config key set by @RawResponse. */
export const RAW_RESPONSE = 'heraldRawResponse';

/** Leaves a route's result unwrapped; on a class, every route of that controller. */
export const RawResponse = (): MethodDecorator & ClassDecorator =>
  ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) return mergeRouteConfig(descriptor.value as object, { [RAW_RESPONSE]: true });
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && typeof handler?.value === 'function') mergeRouteConfig(handler.value as object, { [RAW_RESPONSE]: true });
    }
  }) as MethodDecorator & ClassDecorator;

export function wrap(result: unknown, requestId: string): SuccessEnvelope<unknown> {
  if (result instanceof Page) {
    return { success: true, data: result.items, meta: { request_id: requestId, ...result.meta } };
  }
  return { success: true, data: result ?? null, meta: { request_id: requestId } };
}

/** Nest's Fastify adapter with the envelope applied to what handlers return (errors go through the filter). */
export class EnvelopeFastifyAdapter extends FastifyAdapter {
  override reply(response: FastifyReply, body: unknown, statusCode?: number): FastifyReply {
    const raw = (response.request.routeOptions.config as unknown as Record<string, unknown>)[RAW_RESPONSE] === true;
    return super.reply(response, raw ? body : wrap(body, response.request.id), statusCode);
  }
}
