// A route's own body limit (`@RouteBodyLimit(bytes)`), for the few routes that take more
// than MAX_BODY_BYTES (the gateway's batch). Nest passes route config through to Fastify
// untouched; the onRoute hook installed by createHttpApp turns it into Fastify's bodyLimit,
// so a larger body still gets the usual 413 envelope.
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

const BODY_LIMIT_CONFIG_KEY = 'heraldBodyLimit';

export function RouteBodyLimit(bytes: number): MethodDecorator {
  return RouteConfig({ [BODY_LIMIT_CONFIG_KEY]: bytes });
}

/** Must run before the routes are registered (app.init). */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const bytes: unknown = (route.config as Record<string, unknown> | undefined)?.[BODY_LIMIT_CONFIG_KEY];
    if (typeof bytes === 'number') route.bodyLimit = bytes;
  });
}
