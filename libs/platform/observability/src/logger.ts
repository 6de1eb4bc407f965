// pino JSON logs for every app, with the current request id mixed into each line and
// secrets redacted, and a Nest LoggerService adapter so framework logs go through the same logger.
import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { RequestContext } from './request-context';

export type HeraldLogger = Logger;

/**
 * What never reaches a log line: these headers in any `headers` object (a request's, a
 * provider's, an outbound call's, an error's) and these fields, down to the depth listed
 * in `redactPaths`. Header names are matched as Node gives them (lower case) and as
 * outbound code often writes them (Title-Case).
 */
export const LOG_SECRETS = {
  headers: [
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'x-api-key',
    'x-internal-api-key',
    'x-acme-signature',
    'x-globex-token',
    'webhook-signature',
  ],
  // `parameters`: a failed query's bound values (TypeORM's QueryFailedError), which can be anything
  fields: ['access_token', 'password', 'secret', 'token', 'credentials', 'parameters'],
} as const;

export const REDACTED = '[redacted]';

/** pino paths for LOG_SECRETS: pino has no "any depth" wildcard, so each depth is spelled out. */
function redactPaths(): string[] {
  const titleCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
  const headerNames = LOG_SECRETS.headers.flatMap((h) => [h, titleCase(h)]);
  const headerPaths = ['headers', '*.headers', '*.*.headers'].flatMap((at) => headerNames.map((h) => `${at}["${h}"]`));
  const fieldPaths = ['', '*.', '*.*.'].flatMap((at) => LOG_SECRETS.fields.map((f) => `${at}${f}`));
  return [...headerPaths, ...fieldPaths];
}

/** `destination` lets tests capture the output; apps write to stdout. */
export function createLogger(appName: string, level: string, destination?: DestinationStream): HeraldLogger {
  const options: pino.LoggerOptions = {
    name: appName,
    level,
    base: { app: appName },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const ctx = RequestContext.current();
      return ctx ? { request_id: ctx.requestId } : {};
    },
    redact: { paths: redactPaths(), censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
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
