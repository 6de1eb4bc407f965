import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ErrorCode } from '@herald/contracts';
import { OperatorOnly, Public, RequireAccess } from '@herald/platform/auth';
import { RawResponse } from '../envelope';
import { applyGlobalPrefix } from '../http-app';
import { ApiEnvelope, ApiErrors } from './openapi.decorators';
import { buildAppDocument } from './openapi.document';
import { combineDocuments, markDevOnly } from './openapi.combine';
import { mountApiDocs } from './openapi.docs';
import { toOpenApiSchema } from './openapi.schemas';

class CreateWidgetDto {
  @IsString()
  @MaxLength(40)
  name!: string;

  @IsOptional()
  @IsIn(['red', 'blue'])
  colour?: string;
}

class WidgetQueryDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  page?: number;
}

@Controller('widgets')
@RequireAccess({ scopes: ['keys:manage'], orRoles: ['admin'] })
class WidgetController {
  @Post()
  @ApiEnvelope(CreateWidgetDto)
  @ApiErrors(ErrorCode.CONFLICT, 422)
  create(@Body() body: CreateWidgetDto): CreateWidgetDto {
    return body;
  }

  @Get()
  @ApiEnvelope(CreateWidgetDto, { paged: true })
  list(@Query() _query: WidgetQueryDto): CreateWidgetDto[] {
    return [];
  }

  @Get(':id')
  @ApiErrors(404)
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}

@Controller('ops')
@OperatorOnly()
class OpsController {
  @Get()
  list(): string[] {
    return [];
  }
}

@Controller('open')
@Public()
class OpenController {
  @Get('raw')
  @RawResponse()
  raw(): string {
    return 'x';
  }
}

@Module({ controllers: [WidgetController, OpsController, OpenController] })
class WidgetModule {}

async function previewApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(WidgetModule, new FastifyAdapter(), { preview: true, logger: false });
  applyGlobalPrefix(app);
  return app;
}

describe('buildAppDocument', () => {
  let doc: ReturnType<typeof buildAppDocument>;
  beforeAll(async () => {
    const app = await previewApp();
    doc = buildAppDocument(app, { name: 'widgets', port: 3999 });
    await app.close();
  });
  const op = (path: string, method: 'get' | 'post') => doc.paths[path]?.[method] as unknown as Record<string, unknown> & { responses: Record<string, unknown> };

  it('marks tenant routes JWT or API key with their scopes, operator routes with the operator key, public routes with none', () => {
    expect(op('/api/v1/widgets', 'post').security).toEqual([{ bearerJwt: [] }, { bearerApiKey: [] }]);
    expect(op('/api/v1/widgets', 'post')['x-herald-access']).toEqual({ kind: 'tenant', api_key: true, scopes: ['keys:manage'], orRoles: ['admin'] });
    expect(op('/api/v1/ops', 'get').security).toEqual([{ operatorKey: [] }]);
    expect(op('/api/v1/open/raw', 'get').security).toEqual([]);
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(['bearerApiKey', 'bearerJwt', 'operatorKey']);
  });

  it('wraps the success response in the envelope, with data from @ApiEnvelope and page meta for paged lists', () => {
    const created = op('/api/v1/widgets', 'post').responses['201'] as { content: Record<string, { schema: { allOf: unknown[] } }> };
    expect(created.content['application/json']?.schema.allOf).toEqual([
      { $ref: '#/components/schemas/SuccessEnvelope' },
      { type: 'object', properties: { data: { $ref: '#/components/schemas/CreateWidgetDto' }, meta: { $ref: '#/components/schemas/ResponseMeta' } } },
    ]);
    const listed = op('/api/v1/widgets', 'get').responses['200'] as { content: Record<string, { schema: { allOf: Array<{ properties?: unknown }> } }> };
    expect(listed.content['application/json']?.schema.allOf[1]?.properties).toEqual({
      data: { type: 'array', items: { $ref: '#/components/schemas/CreateWidgetDto' } },
      meta: { $ref: '#/components/schemas/PageMeta' },
    });
  });

  it('leaves @RawResponse routes unwrapped', () => {
    expect(JSON.stringify(op('/api/v1/open/raw', 'get').responses['200'])).not.toContain('SuccessEnvelope');
  });

  it('describes DTOs from their class-validator rules', () => {
    expect(doc.components?.schemas?.['CreateWidgetDto']).toEqual({
      type: 'object',
      properties: { name: { type: 'string', maxLength: 40 }, colour: { type: 'string', enum: ['red', 'blue'] } },
      required: ['name'],
    });
    expect(op('/api/v1/widgets', 'get').parameters).toEqual([{ name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } }]);
  });

  it('lists each error status with its SPEC codes: auth and input from the metadata, the rest from @ApiErrors', () => {
    const create = op('/api/v1/widgets', 'post').responses;
    expect(Object.keys(create)).toEqual(['201', '400', '401', '403', '409', '413', '422', '500']);
    expect(create['403']).toEqual({ $ref: '#/components/responses/Error.403.INSUFFICIENT_PERMISSIONS' });
    expect(create['409']).toEqual({ $ref: '#/components/responses/Error.409.CONFLICT' });
    expect(doc.components?.responses?.['Error.422.VALIDATION_ERROR']).toMatchObject({ description: 'VALIDATION_ERROR' });
    expect(Object.keys(op('/api/v1/widgets/{id}', 'get').responses)).toEqual(['200', '401', '403', '404', '500']);
    expect(Object.keys(op('/api/v1/ops', 'get').responses)).toEqual(['200', '401', '500']);
    expect(Object.keys(op('/api/v1/open/raw', 'get').responses)).toEqual(['200', '500']);
  });

  it('marks what only development serves, and combines apps with a server per operation', () => {
    const prod = { ...doc, paths: { '/api/v1/ops': doc.paths['/api/v1/ops'] ?? {} } };
    const dev = markDevOnly(JSON.parse(JSON.stringify(doc)), prod);
    const extension = (operation: unknown) => (operation as Record<string, unknown>)['x-herald-dev-only'];
    expect(extension(dev.paths['/api/v1/widgets']?.post)).toBe(true);
    expect(extension(dev.paths['/api/v1/ops']?.get)).toBeUndefined();
    const other = { ...JSON.parse(JSON.stringify(doc)), servers: [{ url: 'http://localhost:4000' }] };
    const combined = combineDocuments([doc, other], { title: 't', version: '1' });
    expect(combined.paths['/api/v1/ops']?.get?.servers).toEqual([{ url: 'http://localhost:3999', description: 'widgets (default port)' }, { url: 'http://localhost:4000' }]);
    other.paths['/api/v1/ops'].get.summary = 'something else';
    expect(() => combineDocuments([doc, other], { title: 't', version: '1' })).toThrow(/GET \/api\/v1\/ops differs between apps/);
  });
});

describe('toOpenApiSchema', () => {
  it('turns JSON Schema nullables, const and custom formats into OpenAPI 3.0', () => {
    expect(toOpenApiSchema({ $schema: 'x', type: 'object', properties: { a: { type: ['string', 'null'] }, b: { const: 'v' }, c: { type: 'string', format: 'iso8601-instant' } } })).toEqual({
      type: 'object',
      properties: { a: { type: 'string', nullable: true }, b: { enum: ['v'] }, c: { type: 'string', format: 'date-time' } },
    });
  });
});

describe('mountApiDocs', () => {
  async function served(nodeEnv: 'development' | 'production'): Promise<{ page: number; bundle: number; json: { statusCode: number; body: string } }> {
    const app = await NestFactory.create<NestFastifyApplication>(WidgetModule, new FastifyAdapter(), { logger: false });
    applyGlobalPrefix(app);
    mountApiDocs(app, { nodeEnv, appName: 'widgets', port: 3999 });
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    const page = (await fastify.inject({ method: 'GET', url: '/api/v1/docs' })).statusCode;
    const bundle = (await fastify.inject({ method: 'GET', url: '/api/v1/docs/swagger-ui-bundle.js' })).statusCode;
    const json = await fastify.inject({ method: 'GET', url: '/api/v1/docs/openapi.json' });
    await app.close();
    return { page, bundle, json };
  }

  it('serves Swagger UI and the document at /api/v1/docs outside production', async () => {
    const { page, bundle, json } = await served('development');
    expect(page).toBe(200);
    expect(bundle).toBe(200);
    expect(json.statusCode).toBe(200);
    const doc = JSON.parse(json.body) as { info: { title: string }; paths: Record<string, unknown> };
    expect(doc.info.title).toBe('Herald widgets');
    expect(JSON.stringify(doc.paths['/api/v1/widgets'])).toContain('SuccessEnvelope');
  });

  it('serves nothing there in production', async () => {
    const { page, json } = await served('production');
    expect(page).toBe(404);
    expect(json.statusCode).toBe(404);
  });
});
