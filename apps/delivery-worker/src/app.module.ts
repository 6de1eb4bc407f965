// Composition of the delivery-worker app: channel deliveries with retries (channels arrive with their issue); HTTP serves health and metrics only.
import { DynamicModule, Module } from '@nestjs/common';
import { HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';

@Module({})
export class AppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker'], readyWith: ['database', 'consumers'] })],
    };
  }
}

export const APP_DEFAULTS = { appName: 'delivery-worker', port: 3005 };
