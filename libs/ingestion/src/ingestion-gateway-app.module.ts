// Composition of the ingestion-gateway app: business events and notification triggers in, durably, through the outbox.
// The app's main.ts, its tests and e2e boot this one module, so none of them wires it by hand.
import { DynamicModule, Module } from '@nestjs/common';
import { AppDefaults, HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';
import { GatewayRateLimitModule } from './gateway-rate-limit.module';
import { IngestionModule } from './ingestion.module';

export const INGESTION_GATEWAY_DEFAULTS: AppDefaults = { appName: 'ingestion-gateway', port: 3001 };

@Module({})
export class IngestionGatewayAppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: IngestionGatewayAppModule,
      imports: [
        HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker', 'redis'], readyWith: ['database'] }),
        GatewayRateLimitModule,
        IngestionModule,
      ],
    };
  }
}
