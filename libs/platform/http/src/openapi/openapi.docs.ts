// /api/v1/docs (Swagger UI), /api/v1/docs/openapi.json and /openapi.yaml: the app's own document,
// served everywhere but production (the committed api/*.yaml is the published contract).
// Built lazily on the first request and kept; routes registered straight on Fastify, so no
// other route pays for them. The UI's three files come from swagger-ui-dist (what
// @nestjs/swagger ships), read once; no static-file plugin.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HeraldConfig } from '@herald/platform/config';
import { API_PREFIX } from '../http-app';
import { buildAppDocument } from './openapi.document';

export const DOCS_PATH = 'docs';

const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

/** Must run before app.init(). Does nothing in production. */
export function mountApiDocs(app: NestFastifyApplication, config: Pick<HeraldConfig, 'nodeEnv' | 'appName' | 'port'>): void {
  if (config.nodeEnv === 'production') return;
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup(DOCS_PATH, app, () => (document ??= buildAppDocument(app, { name: config.appName, port: config.port })), {
    useGlobalPrefix: true,
    ui: false,
    jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
    yamlDocumentUrl: `${DOCS_PATH}/openapi.yaml`,
  });
  const base = `/${API_PREFIX}/${DOCS_PATH}`;
  const adapter = app.getHttpAdapter();
  const page = uiPage(`Herald ${config.appName} API`, `${base}/openapi.json`, base);
  adapter.get(base, (_req: unknown, reply: FastifyReply) => reply.type('text/html; charset=utf-8').send(page));
  const files = new Map<string, Buffer>();
  for (const [file, type] of Object.entries(UI_FILES)) {
    adapter.get(`${base}/${file}`, (_req: unknown, reply: FastifyReply) => {
      let body = files.get(file);
      if (!body) files.set(file, (body = readFileSync(join(dirname(require.resolve('swagger-ui-dist/package.json')), file))));
      return reply.type(type).send(body);
    });
  }
}

function uiPage(title: string, documentUrl: string, base: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="${base}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="${base}/swagger-ui-bundle.js"></script><script src="${base}/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: ${JSON.stringify(documentUrl)}, dom_id: '#swagger-ui', presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>
`;
}
