// /api/v1/docs (Swagger UI), /api/v1/docs/openapi.json and /openapi.yaml: the app's own document,
// served everywhere but production (SPEC: the committed api/*.yaml is the published contract).
// Built lazily on the first request and kept; routes registered straight on Fastify, so no
// other route pays for them.
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { HeraldConfig } from '@herald/platform/config';
import { buildAppDocument } from './openapi.document';

export const DOCS_PATH = 'docs';

/** Must run before app.init(). Does nothing in production. */
export function mountApiDocs(app: NestFastifyApplication, config: Pick<HeraldConfig, 'nodeEnv' | 'appName' | 'port'>): void {
  if (config.nodeEnv === 'production') return;
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup(DOCS_PATH, app, () => (document ??= buildAppDocument(app, { name: config.appName, port: config.port })), {
    useGlobalPrefix: true,
    jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
    yamlDocumentUrl: `${DOCS_PATH}/openapi.yaml`,
    customSiteTitle: `Herald ${config.appName} API`,
  });
}
