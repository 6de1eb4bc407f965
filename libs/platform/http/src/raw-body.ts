// `@RawBody()`: the handler's body is the exact bytes received (a Buffer), whatever the
// content type, for routes that verify a signature over them (provider webhooks; SPEC §5
// forbids verifying re-serialized JSON). Fastify has no per-route content-type parser, so
// when an app has such a route its JSON, text and catch-all parsers hand raw routes the
// buffer and every other route exactly what it got before (Fastify's JSON parser, text as a
// string, 415 for other types). Apps without a raw route keep Nest's parsers untouched.
import { errorCodes, FastifyInstance, FastifyRequest } from 'fastify';
import { mergeRouteConfig } from './route-body-limit';

const RAW_BODY_CONFIG_KEY = 'heraldRawBody';

export function RawBody(): MethodDecorator {
  return (_target, _key, descriptor) => {
    mergeRouteConfig(descriptor.value as object, { [RAW_BODY_CONFIG_KEY]: true });
  };
}

function isRawRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[RAW_BODY_CONFIG_KEY] === true;
}

/** Watches routes as they register (call before app.init()); returns what installs the parsers after it. */
export function watchRawBodyRoutes(fastify: FastifyInstance): () => void {
  let rawRoutes = 0;
  fastify.addHook('onRoute', (route) => {
    if ((route.config as Record<string, unknown> | undefined)?.[RAW_BODY_CONFIG_KEY] === true) rawRoutes++;
  });
  return () => {
    if (rawRoutes > 0) installRawBodyParsers(fastify);
  };
}

function installRawBodyParsers(fastify: FastifyInstance): void {
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    if (isRawRoute(request)) return done(null, body);
    json(request, (body as Buffer).toString('utf8'), done);
  });
  fastify.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request, body, done) => {
    done(null, isRawRoute(request) ? body : (body as Buffer).toString('utf8'));
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    if (isRawRoute(request)) return done(null, body);
    done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type'] ?? ''), undefined);
  });
}
