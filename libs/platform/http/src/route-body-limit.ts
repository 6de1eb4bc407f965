// A route's own body limit (`@RouteBodyLimit(bytes)`), for the few routes that take more
// than MAX_BODY_BYTES (the gateway's batch). Nest passes route config through to Fastify
// untouched; the onRoute hook installed by createHttpApp turns it into Fastify's bodyLimit,
// so a larger body still gets the usual 413 envelope.
import 'reflect-metadata';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyInstance } from 'fastify';

const BODY_LIMIT_CONFIG_KEY = 'heraldBodyLimit';

/**
 * Adds keys to a handler's Fastify route config. Nest's @RouteConfig replaces the whole
 * config, so two Herald route decorators on one handler would drop each other's key.
 */
export function mergeRouteConfig(handler: object, config: Record<string, unknown>): void {
  const existing = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...existing, ...config }, handler);
}

export function RouteBodyLimit(bytes: number): MethodDecorator {
  return (_target, _key, descriptor) => {
    mergeRouteConfig(descriptor.value as object, { [BODY_LIMIT_CONFIG_KEY]: bytes });
  };
}

/** Must run before the routes are registered (app.init). */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const bytes: unknown = (route.config as Record<string, unknown> | undefined)?.[BODY_LIMIT_CONFIG_KEY];
    if (typeof bytes === 'number') route.bodyLimit = bytes;
  });
}
