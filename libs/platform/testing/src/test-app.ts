// Boots a real app module (the same createHttpApp as production) on a free port for a
// suite, and mints tokens for it.
import { DynamicModule } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppDefaults, EnvMap, HeraldConfig, loadConfig } from '@herald/platform/config';
import { DevTokenClaims, signDevToken } from '@herald/platform/auth';
import { createHttpApp, shutdownApp } from '@herald/platform/http';
import { createLogger, HeraldLogger } from '@herald/platform/observability';
import type { DestinationStream } from 'pino';
import { ConsumerHost } from '@herald/platform/messaging';
import { TestInfrastructure } from './test-infrastructure';

export interface TestApp {
  app: NestFastifyApplication;
  config: HeraldConfig;
  url: string;
  dataSource: DataSource;
  token(claims: DevTokenClaims): string;
  close(): Promise<void>;
}

/** `logDestination` captures the app's log lines (give `module` the logger to use it for every line). */
export async function startTestApp(
  defaults: AppDefaults,
  module: (config: HeraldConfig, logger: HeraldLogger) => DynamicModule,
  infra: TestInfrastructure,
  env: EnvMap = {},
  logDestination?: DestinationStream,
): Promise<TestApp> {
  const config = loadConfig(defaults, { ...infra.env, ...env });
  const logger = createLogger(config.appName, config.logLevel, logDestination);
  const app = await createHttpApp(module(config, logger), config, logger);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const consumers = app.get(ConsumerHost, { strict: false });
  await consumers.ready();
  infra.trackQueues(consumers.queueDefinitions());
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    dataSource: app.get(DataSource),
    token: (claims) => signDevToken(config, claims),
    close: () => shutdownApp(app),
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
