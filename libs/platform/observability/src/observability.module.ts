// Provides the app's logger, metrics registry and shutdown drain everywhere.
import { DynamicModule, Global, Module } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { createLogger, HeraldLogger } from './logger';
import { Metrics } from './metrics';
import { ShutdownDrain } from './shutdown-drain';
import { HERALD_LOGGER } from './tokens';

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(logger?: HeraldLogger): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        {
          provide: HERALD_LOGGER,
          inject: [HERALD_CONFIG],
          useFactory: (config: HeraldConfig) => logger ?? createLogger(config.appName, config.logLevel),
        },
        { provide: Metrics, inject: [HERALD_CONFIG], useFactory: (config: HeraldConfig) => new Metrics(config.appName) },
        ShutdownDrain,
      ],
      exports: [HERALD_LOGGER, Metrics, ShutdownDrain],
    };
  }
}
