// Starts an app process: config (a bad value stops it with one line naming the variable),
// logs, the Nest app, listen; on SIGTERM/SIGINT it stops taking work, finishes what is in
// flight and closes its connections. A dependency that can't be reached is named with
// the command that starts it, never a stack trace.
import { DynamicModule } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppDefaults, ConfigError, HeraldConfig, loadConfig } from '@herald/platform/config';
import { createLogger } from '@herald/platform/observability';
import { createHttpApp, shutdownApp } from './http-app';

export interface AppEntry {
  defaults: AppDefaults;
  module: (config: HeraldConfig) => DynamicModule;
}

const HINTS: Array<{ match: RegExp; service: string; start: string }> = [
  { match: /PostgreSQL|5432|database .* does not exist/i, service: 'PostgreSQL (DATABASE_URL)', start: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, then npm run migrate" },
  { match: /RabbitMQ|5672|ACCESS_REFUSED/i, service: 'RabbitMQ (AMQP_URL)', start: 'rabbitmq-server -detached' },
  { match: /Redis|6379/i, service: 'Redis (REDIS_URL)', start: 'redis-server --daemonize yes' },
];

export function describeStartupFailure(err: unknown): string {
  const text = `${(err as Error)?.message ?? err} ${(err as { code?: string })?.code ?? ''}`;
  if (err instanceof ConfigError) return err.message;
  const hint = HINTS.find((h) => h.match.test(text));
  if (hint) return `cannot reach ${hint.service}: ${(err as Error).message}. Start it with: ${hint.start}`;
  if (/relation .* does not exist/i.test(text)) return 'the database has no Herald tables yet: run `npm run migrate`';
  return `failed to start: ${(err as Error)?.message ?? String(err)}`;
}

export async function bootstrapApp(entry: AppEntry): Promise<NestFastifyApplication> {
  let config: HeraldConfig;
  try {
    config = loadConfig(entry.defaults);
  } catch (err) {
    process.stderr.write(`${entry.defaults.appName}: ${describeStartupFailure(err)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.appName, config.logLevel);
  let app: NestFastifyApplication;
  try {
    app = await createHttpApp(entry.module(config), config, logger);
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    process.stderr.write(`${config.appName}: ${describeStartupFailure(err)}\n`);
    process.exit(1);
  }
  logger.info({ port: config.port }, `${config.appName} listening on http://127.0.0.1:${config.port}/api/v1`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: no new work, finishing what is in flight');
    const hardStop = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 5000);
    hardStop.unref();
    try {
      await shutdownApp(app);
      logger.info('shutdown complete');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app;
}
