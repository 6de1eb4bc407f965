// Builds a Herald HTTP app on Fastify: body limit, x-request-id (taken or generated,
// echoed, carried in the request context), the /api/v1 prefix, the success envelope, HTTP
// metrics; Nest routes Fastify's own errors (bad JSON, too large, unknown route) through the
// filter. Every hook here runs on every request: callback style, nothing built that a request
// may not need.
import { DynamicModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HeraldConfig } from '@herald/platform/config';
import {
  HeraldLogger,
  HttpRequestContext,
  Metrics,
  NestPinoLogger,
  RequestContext,
  requestIdFrom,
  ShutdownDrain,
} from '@herald/platform/observability';
import { EnvelopeFastifyAdapter } from './envelope';
import { applyRouteBodyLimits } from './route-body-limit';
import { watchRawBodyRoutes } from './raw-body';
import { mountApiDocs } from './openapi/openapi.docs';

export const API_PREFIX = 'api/v1';

export async function createHttpApp(module: DynamicModule, config: HeraldConfig, logger: HeraldLogger): Promise<NestFastifyApplication> {
  const adapter = new EnvelopeFastifyAdapter({
    bodyLimit: config.maxBodyBytes,
    genReqId: (req: IncomingMessage) => requestIdFrom(req.headers['x-request-id']),
    trustProxy: true,
    logger: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  applyGlobalPrefix(app);
  app.enableCors({ origin: config.portalOrigins, credentials: true });

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(Metrics);
  const drain = app.get(ShutdownDrain);
  applyRouteBodyLimits(fastify);
  const installRawBodyParsers = watchRawBodyRoutes(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    RequestContext.run(new HttpRequestContext(request.id, request.headers['traceparent'] as string | undefined), done);
  });
  // While draining, answer in-flight requests with `Connection: close` so keep-alive sockets
  // end with their response instead of holding the server open until their idle timeout.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (drain.isDraining) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    // the route pattern, never request.url: its query string can carry a token
    logger.debug({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
    done();
  });
  mountApiDocs(app, config);
  await app.init();
  installRawBodyParsers();
  return app;
}

/** Every route under /api/v1 but GET /metrics (the app itself and the OpenAPI generator). */
export function applyGlobalPrefix(app: NestFastifyApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
}

/** Stops an app the graceful way: not ready, no new work, in-flight finished, then closed. */
export async function shutdownApp(app: NestFastifyApplication): Promise<void> {
  app.get(ShutdownDrain).markDraining();
  await app.close();
}
