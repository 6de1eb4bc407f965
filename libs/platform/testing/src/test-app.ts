// Boots a real app module (the same createHttpApp as production) on a free port for a
// suite, and mints tokens for it; or the messaging platform alone around a suite's consumers.
import { DynamicModule, INestApplicationContext, Module, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppDefaults, ConfigModule, EnvMap, HeraldConfig, loadConfig } from '@herald/platform/config';
import { DevTokenClaims, signDevToken } from '@herald/platform/auth';
import { createHttpApp, shutdownApp } from '@herald/platform/http';
import { createLogger, HeraldLogger, ObservabilityModule } from '@herald/platform/observability';
import type { DestinationStream } from 'pino';
import { ConsumerHost, MessagePublisher, MessagingModule } from '@herald/platform/messaging';
import { TestInfrastructure } from './test-infrastructure';

export interface TestApp {
  app: NestFastifyApplication;
  config: HeraldConfig;
  url: string;
  dataSource: DataSource;
  token(claims: DevTokenClaims): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Captures the app's log lines (give `module` the logger to use it for every line). */
  logDestination?: DestinationStream;
  /** Wait until every consumer consumes (default true); false to watch a setup that fails. */
  waitForConsumers?: boolean;
}

export async function startTestApp(
  defaults: AppDefaults,
  module: (config: HeraldConfig, logger: HeraldLogger) => DynamicModule,
  infra: TestInfrastructure,
  env: EnvMap = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const config = loadConfig(defaults, { ...infra.env, ...env });
  const logger = createLogger(config.appName, config.logLevel, options.logDestination);
  const app = await createHttpApp(module(config, logger), config, logger);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const consumers = app.get(ConsumerHost, { strict: false });
  infra.trackQueues(consumers.declaredQueues());
  if (options.waitForConsumers ?? true) await consumers.ready();
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

export interface TestConsumerApp {
  app: INestApplicationContext;
  consumers: ConsumerHost;
  publisher: MessagePublisher;
  close(): Promise<void>;
}

export interface ConsumerAppOptions {
  env?: EnvMap;
  /** Receives the app's log lines (default: the suite's LOG_LEVEL on stdout). */
  logger?: HeraldLogger;
  /** Wait until every consumer consumes (default true); false to watch a setup that fails. */
  waitForConsumers?: boolean;
}

@Module({})
class ConsumerTestModule {}

/** The broker connection, publisher and consumer host (no HTTP, no database) with `providers` as consumers. */
export async function startConsumerApp(infra: TestInfrastructure, providers: Provider[], options: ConsumerAppOptions = {}): Promise<TestConsumerApp> {
  const config = loadConfig({ appName: 'consumer-test', port: 0 }, { ...infra.env, ...options.env });
  const app = await NestFactory.createApplicationContext(
    {
      module: ConsumerTestModule,
      imports: [ConfigModule.forRoot(config), ObservabilityModule.forRoot(options.logger), MessagingModule],
      providers,
    },
    { logger: false },
  );
  await app.init();
  const consumers = app.get(ConsumerHost);
  infra.trackQueues(consumers.declaredQueues());
  if (options.waitForConsumers ?? true) await consumers.ready();
  return { app, consumers, publisher: app.get(MessagePublisher), close: () => app.close() };
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
