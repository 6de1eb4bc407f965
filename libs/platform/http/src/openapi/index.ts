// OpenAPI: the route decorators, the document builder and the development docs (/api/v1/docs).
export * from './openapi.decorators';
export * from './openapi.document';
export * from './openapi.schemas';
export * from './openapi.docs';
export * from './validation-schema';
export * from './openapi.combine';
