// Builds an app's OpenAPI document from its code: @nestjs/swagger scans the routes (DTOs
// described from their class-validator rules, see validation-schema.ts), then every operation
// is finished from the metadata the routes already carry for the runtime:
//   - security from the access guard's metadata (@Public, @OperatorOnly, JWT or API key, the
//     `access_token` query of @AcceptQueryToken), with `x-herald-access` naming scopes/roles;
//   - the SPEC §2 success envelope around every JSON success response (@RawResponse routes
//     and non-JSON bodies such as the SSE stream are left as they are), `data` from @ApiEnvelope;
//   - the SPEC §2 error envelope for each error status: 401/403/429 from the access metadata,
//     400/413 where there is input, 500 everywhere, and the route's own @ApiErrors.
// Works on a `preview: true` app (nothing instantiated: no database, broker or Redis).
import 'reflect-metadata';
import { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { ErrorCode } from '@herald/contracts';
import { ACCESS_KEY, AccessRequirement, OPERATOR_KEY, PUBLIC_KEY, QUERY_TOKEN_KEY, RATE_LIMITER } from '@herald/platform/auth';
import { RAW_RESPONSE } from '../envelope';
import { EnvelopeData, errorCodesByStatus, OPENAPI_DATA_KEY, OPENAPI_ERRORS_KEY } from './openapi.decorators';
import { describeValidatedDtos } from './validation-schema';
import { ENVELOPE_SCHEMAS, errorEnvelope, SECURITY_SCHEMES, successEnvelope } from './openapi.schemas';

export interface OpenApiAppInfo {
  /** The app's name (its tag), e.g. `management-api`. */
  name: string;
  port: number;
  description?: string;
}

/** An operation with `x-` extensions. */
type Extended = OperationObject & Record<`x-${string}`, unknown>;

interface RouteMeta {
  isPublic: boolean;
  isOperator: boolean;
  requirement?: AccessRequirement;
  queryToken: boolean;
  raw: boolean;
  envelope?: EnvelopeData;
  errors: Array<number | ErrorCode>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const OPERATION_ID = (controllerKey: string, methodKey: string) => `${controllerKey}_${methodKey}`;

/** The app's document: scanned by @nestjs/swagger, then finished from the route metadata (see the header). */
export function buildAppDocument(app: INestApplication, info: OpenApiAppInfo): OpenAPIObject {
  describeValidatedDtos();
  const config = new DocumentBuilder()
    .setTitle(`Herald ${info.name}`)
    .setDescription(info.description ?? `The HTTP API of the Herald ${info.name} app (SPEC §2 envelope on every response).`)
    .setVersion('1')
    .addServer(`http://localhost:${info.port}`, `${info.name} (default port)`)
    .build();
  config.info.license = { name: 'UNLICENSED (proprietary)' };
  config.components = { securitySchemes: SECURITY_SCHEMES };
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: OPERATION_ID });
  const { routes, rateLimited } = collectRoutes(app);
  document.tags = [{ name: info.name, description: info.description ?? `Routes of the ${info.name} app.` }];
  const errorResponses: Record<string, ResponseObject> = {};
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      // a handler with several paths has one operation per path, `<id>[<n>]`: `<id>`, `<id>_2`, …
      const [, id = '', index] = /^(.*?)(?:\[(\d+)\])?$/.exec(operation.operationId ?? '') ?? [];
      operation.operationId = index && index !== '0' ? `${id}_${Number(index) + 1}` : id;
      operation.summary ??= summaryOf(id);
      const route = routes.get(id);
      if (!route) throw new Error(`OpenAPI: no route metadata for operation ${operation.operationId}`);
      finishOperation(operation, path, route, info.name, rateLimited, errorResponses);
    }
  }
  document.components = {
    ...document.components,
    schemas: sortedRecord({ ...document.components?.schemas, ...ENVELOPE_SCHEMAS }),
    responses: sortedRecord(errorResponses),
  };
  return withoutUnusedComponents(document);
}

/** Drops the schemas, responses and security schemes nothing in the paths reaches (each app uses some of the shared ones). */
export function withoutUnusedComponents(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && !used.has(inner)) {
        used.add(inner);
        const [, , kind, name] = inner.split('/');
        visit(components[kind ?? '']?.[name ?? '']);
      } else visit(inner);
    }
  };
  visit(document.paths);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) for (const requirement of item[method]?.security ?? []) for (const name of Object.keys(requirement)) used.add(`#/components/securitySchemes/${name}`);
  }
  for (const kind of ['schemas', 'responses', 'securitySchemes']) {
    const record = components[kind];
    if (!record) continue;
    for (const name of Object.keys(record)) if (!used.has(`#/components/${kind}/${name}`)) delete record[name];
  }
  return document;
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function finishOperation(operation: OperationObject, path: string, route: RouteMeta, tag: string, rateLimited: boolean, errorResponses: Record<string, ResponseObject>): void {
  operation.tags = [tag];
  const auto: Array<number | ErrorCode> = [500];
  // a handler with several paths gets every path's parameters: keep this path's own
  const params = ((operation.parameters ?? []) as Array<{ in?: string; name?: string; required?: boolean }>).filter((p) => p.in !== 'path' || path.includes(`{${p.name}}`));
  // the scanner marks every @Headers('name') required; the routes treat each as optional (Idempotency-Key, Last-Event-ID)
  for (const param of params) if (param.in === 'header') param.required = false;
  operation.parameters = params as OperationObject['parameters'];
  const hasInput = operation.requestBody !== undefined || params.some((p) => p.in === 'query');
  if (hasInput) auto.push(400);
  if (operation.requestBody !== undefined) auto.push(413);
  if (route.isPublic) {
    operation.security = [];
    (operation as Extended)['x-herald-access'] = { kind: 'public' };
  } else if (route.isOperator) {
    operation.security = [{ operatorKey: [] }];
    (operation as Extended)['x-herald-access'] = { kind: 'operator' };
    auto.push(ErrorCode.AUTHENTICATION_REQUIRED);
  } else {
    operation.security = [{ bearerJwt: [] }, { bearerApiKey: [] }, ...(route.queryToken ? [{ accessTokenQuery: [] }] : [])];
    const requirement = route.requirement ?? {};
    (operation as Extended)['x-herald-access'] = { kind: 'tenant', api_key: true, ...requirement };
    auto.push(ErrorCode.AUTHENTICATION_REQUIRED);
    if (requirement.scopes?.length || requirement.roles?.length) auto.push(ErrorCode.INSUFFICIENT_PERMISSIONS);
    if (rateLimited) auto.push(ErrorCode.RATE_LIMITED);
  }
  operation.description = [operation.description, accessLine(route)].filter(Boolean).join('\n\n');

  const responses = operation.responses as Record<string, ResponseObject>;
  const statuses = route.envelope?.statuses?.map(String);
  if (statuses) {
    for (const status of Object.keys(responses)) if (/^2\d\d$/.test(status) && !statuses.includes(status)) delete responses[status];
    for (const status of statuses) responses[status] ??= { description: '' };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    if (!response.description) response.description = status === '202' ? 'Accepted' : status === '201' ? 'Created' : 'OK';
    if (route.raw) continue;
    const content = response.content;
    if (content && Object.keys(content).some((type) => type !== 'application/json')) continue;
    response.content = { 'application/json': { schema: successEnvelope(dataSchema(route.envelope), route.envelope?.paged === true) } };
  }
  for (const [status, codes] of errorCodesByStatus([...auto, ...route.errors])) {
    const sorted = [...codes].sort();
    const name = `Error.${status}.${sorted.join('.')}`;
    errorResponses[name] ??= { description: sorted.join(' or '), content: { 'application/json': { schema: errorEnvelope(sorted) } } };
    (responses as Record<string, ResponseObject | ReferenceObject>)[String(status)] = { $ref: `#/components/responses/${name}` };
  }
  const { operationId, summary, description, tags, security, ...rest } = operation;
  const ordered = { operationId, summary, description, tags, security, ...rest, responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))) };
  for (const key of Object.keys(operation)) delete operation[key as keyof OperationObject];
  Object.assign(operation, ordered);
}

function dataSchema(envelope: EnvelopeData | undefined): SchemaObject | ReferenceObject {
  const data = envelope?.data;
  if (data === undefined) return { description: 'The route result.' };
  if (typeof data === 'function') return { $ref: `#/components/schemas/${(data as Type<unknown>).name}` };
  return data;
}

function accessLine(route: RouteMeta): string {
  if (route.isPublic) return 'Access: public (no credentials).';
  if (route.isOperator) return 'Access: operator (`x-internal-api-key`).';
  const r = route.requirement ?? {};
  const parts: string[] = [];
  if (r.scopes?.length) parts.push(`scope ${r.scopes.map((s) => `\`${s}\``).join(' and ')}`);
  if (r.orRoles) parts.push(r.orRoles === 'any' ? 'or any role' : `or role ${r.orRoles.map((s) => `\`${s}\``).join(' or ')}`);
  if (r.roles?.length) parts.push(`role ${r.roles.map((s) => `\`${s}\``).join(' and ')}`);
  const needs = parts.length ? `; needs ${parts.join(' ')}` : '';
  return `Access: tenant, JWT or API key (\`Authorization: Bearer hk_…\`)${route.queryToken ? ', or `access_token` in the query' : ''}${needs}.`;
}

function summaryOf(operationId: string): string {
  const [controller, method] = operationId.split('_');
  const words = (method ?? '').replace(/([A-Z])/g, ' $1').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${(controller ?? '').replace(/Controller$/, '')})`;
}

interface ContainerLike {
  getModules(): Map<string, { controllers: Map<unknown, { metatype: (abstract new (...args: never[]) => unknown) | null }>; providers: Map<unknown, unknown> }>;
}

/** Every route handler's access and OpenAPI metadata, keyed by its operationId. */
function collectRoutes(app: INestApplication): { routes: Map<string, RouteMeta>; rateLimited: boolean } {
  const container = (app as unknown as { container: ContainerLike }).container;
  const routes = new Map<string, RouteMeta>();
  let rateLimited = false;
  for (const module of container.getModules().values()) {
    if (module.providers.has(RATE_LIMITER)) rateLimited = true;
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype;
      if (!controller) continue;
      for (const name of methodNames(controller.prototype as object)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const meta = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
        const routeConfig = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined;
        routes.set(OPERATION_ID(controller.name, name), {
          isPublic: meta<boolean>(PUBLIC_KEY) === true,
          isOperator: meta<boolean>(OPERATOR_KEY) === true,
          requirement: meta<AccessRequirement>(ACCESS_KEY),
          queryToken: Reflect.getMetadata(QUERY_TOKEN_KEY, handler) === true,
          raw: routeConfig?.[RAW_RESPONSE] === true,
          envelope: meta<EnvelopeData>(OPENAPI_DATA_KEY),
          errors: [...(Reflect.getMetadata(OPENAPI_ERRORS_KEY, controller) ?? []), ...(Reflect.getMetadata(OPENAPI_ERRORS_KEY, handler) ?? [])] as Array<number | ErrorCode>,
        });
      }
    }
  }
  return { routes, rateLimited };
}

function methodNames(prototype: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor') names.add(name);
  }
  return [...names];
}
