// pino JSON logs for every app, with the current request id mixed into each line, and a
// Nest LoggerService adapter so framework logs go through the same logger.
import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { RequestContext } from './request-context';

export type HeraldLogger = Logger;

export function createLogger(appName: string, level: string): HeraldLogger {
  return pino({
    name: appName,
    level,
    base: { app: appName },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const ctx = RequestContext.current();
      return ctx ? { request_id: ctx.requestId } : {};
    },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-internal-api-key"]', '*.password', '*.secret'],
      censor: '[redacted]',
    },
  });
}

export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: HeraldLogger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
