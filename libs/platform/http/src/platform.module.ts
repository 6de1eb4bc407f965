// Composition of the shared plumbing every HTTP app gets: config, logs, metrics, the
// database, the broker, the outbox relay (with both), Redis (when used), JWT auth, the exception filter,
// DTO validation and health. The success envelope is applied by the app's adapter (http-app.ts).
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConfigModule, HeraldConfig } from '@herald/platform/config';
import { AuthModule } from '@herald/platform/auth';
import { MessagingModule } from '@herald/platform/messaging';
import { OutboxModule } from '@herald/platform/outbox';
import { HeraldLogger, ObservabilityModule } from '@herald/platform/observability';
import { PersistenceModule, RedisModule } from '@herald/platform/persistence';
import { HeraldExceptionFilter } from './exception.filter';
import { HealthDependency, HealthModule, ReadyCheck } from './health.module';
import { createValidationPipe } from './validation.pipe';
import { MetricsController } from './metrics.controller';

export interface PlatformOptions {
  config: HeraldConfig;
  /** Which shared services the app uses; /health checks exactly these. */
  uses: HealthDependency[];
  /**
   * What the app needs to take work (/health/ready, SPEC §1); defaults to `uses`. The
   * ingestion apps are ready with the database alone: the outbox parks events while the
   * broker is away.
   */
  readyWith?: ReadyCheck[];
  logger?: HeraldLogger;
}

@Module({})
export class HttpPlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const uses = new Set(options.uses);
    return {
      module: HttpPlatformModule,
      imports: [
        ConfigModule.forRoot(options.config),
        ObservabilityModule.forRoot(options.logger),
        ...(uses.has('database') ? [PersistenceModule] : []),
        ...(uses.has('broker') ? [MessagingModule] : []),
        ...(uses.has('database') && uses.has('broker') ? [OutboxModule] : []),
        ...(uses.has('redis') ? [RedisModule] : []),
        AuthModule.forRoot({ apiKeys: uses.has('database'), reportUsage: uses.has('broker') }),
        HealthModule.forRoot(options.uses, options.readyWith),
      ],
      controllers: [MetricsController],
      providers: [
        { provide: APP_FILTER, useClass: HeraldExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
