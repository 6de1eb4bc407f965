// Composition of the ingestion-gateway app: business events and notification triggers in, durably, through the outbox.
import { DynamicModule, Module } from '@nestjs/common';
import { HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';
import { IngestionModule } from '@herald/ingestion';

@Module({})
export class AppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker', 'redis'], readyWith: ['database'] }), IngestionModule],
    };
  }
}

export const APP_DEFAULTS = { appName: 'ingestion-gateway', port: 3001 };
