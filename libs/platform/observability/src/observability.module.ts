// Provides the app's logger and metrics registry everywhere, and serves GET /metrics.
import { Controller, DynamicModule, Get, Global, Header, Module } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { createLogger, HeraldLogger } from './logger';
import { Metrics } from './metrics';
import { ShutdownDrain } from './shutdown-drain';
import { HERALD_LOGGER } from './tokens';


@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(logger?: HeraldLogger): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [MetricsController],
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
