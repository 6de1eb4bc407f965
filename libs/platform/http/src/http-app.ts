// Builds a Herald HTTP app on Fastify: body limit, x-request-id (taken or generated,
// echoed, carried in the request context), the /api/v1 prefix, HTTP metrics, and error
// envelopes for what fails before Nest's pipeline (bad JSON, too large, unknown route).
import { DynamicModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { HeraldConfig } from '@herald/platform/config';
import {
  childTraceparent,
  HeraldLogger,
  Metrics,
  NestPinoLogger,
  RequestContext,
  requestIdFrom,
} from '@herald/platform/observability';
import { mapError, sendError } from './exception.filter';
import { ErrorCode } from '@herald/contracts';

export const API_PREFIX = 'api/v1';

export async function createHttpApp(module: DynamicModule, config: HeraldConfig, logger: HeraldLogger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
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
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.enableCors({ origin: config.portalOrigins, credentials: true });

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(Metrics);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', String(request.id));
    const traceparent = childTraceparent(request.headers['traceparent'] as string | undefined);
    RequestContext.run({ requestId: String(request.id), traceparent }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  fastify.setNotFoundHandler((request, reply) => {
    sendError(reply, request, { status: 404, body: { success: false, error: { code: ErrorCode.RESOURCE_NOT_FOUND, message: 'Route not found', details: {} } } });
  });
  fastify.setErrorHandler((err, request, reply) => {
    const mapped = mapError(err);
    if (mapped.status >= 500 && mapped.status !== 503) logger.error({ err }, 'unhandled error outside the Nest pipeline');
    sendError(reply, request, mapped);
  });
  await app.init();
  return app;
}
