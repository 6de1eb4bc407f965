// Joins the apps' documents into one (api/openapi.yaml): each operation keeps its app's tag and
// names its app's server; the platform routes every app has (health, metrics) appear once with
// every app's server. Two apps with different operations on one path and method is an error.
import { isDeepStrictEqual } from 'node:util';
import type { OpenAPIObject, OperationObject, PathItemObject, ServerObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function combineDocuments(documents: OpenAPIObject[], info: OpenAPIObject['info']): OpenAPIObject {
  const paths: Record<string, PathItemObject> = {};
  const schemas: Record<string, unknown> = {};
  const responses: Record<string, unknown> = {};
  const securitySchemes: Record<string, unknown> = {};
  const servers: ServerObject[] = [];
  for (const doc of documents) {
    const appServers = doc.servers ?? [];
    servers.push(...appServers);
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      if (schemas[name] !== undefined && !isDeepStrictEqual(schemas[name], schema)) throw new Error(`OpenAPI: two apps describe schema ${name} differently`);
      schemas[name] = schema;
    }
    Object.assign(responses, doc.components?.responses);
    Object.assign(securitySchemes, doc.components?.securitySchemes);
    for (const [path, item] of Object.entries(doc.paths)) {
      const target = (paths[path] ??= {});
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const existing = target[method];
        if (!existing) {
          target[method] = { ...operation, servers: [...appServers] };
          continue;
        }
        if (!isDeepStrictEqual(withoutPlacement(existing), withoutPlacement(operation))) {
          throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} differs between apps (${existing.operationId} / ${operation.operationId})`);
        }
        existing.servers = [...(existing.servers ?? []), ...appServers];
        existing.tags = [...new Set([...(existing.tags ?? []), ...(operation.tags ?? [])])];
      }
    }
  }
  const first = documents[0];
  return {
    openapi: first?.openapi ?? '3.0.0',
    info,
    servers,
    tags: documents.flatMap((d) => d.tags ?? []),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: { securitySchemes: sorted(securitySchemes), schemas: sorted(schemas), responses: sorted(responses) } as OpenAPIObject['components'],
  };
}

/** Marks the operations `dev` has and `prod` lacks (registered only outside production). */
export function markDevOnly(dev: OpenAPIObject, prod: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(dev.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation || prod.paths[path]?.[method]) continue;
      (operation as OperationObject & Record<`x-${string}`, unknown>)['x-herald-dev-only'] = true;
      operation.description = [operation.description, 'Not served when NODE_ENV=production (development and test only).'].filter(Boolean).join('\n\n');
    }
  }
  return dev;
}

function sorted(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function withoutPlacement(operation: OperationObject): OperationObject {
  const { servers: _servers, tags: _tags, ...rest } = operation;
  return rest;
}
