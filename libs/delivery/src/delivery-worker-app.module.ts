// Composition of the delivery-worker app: channel deliveries with retries; HTTP serves health and metrics only.
// The app's main.ts, its tests and e2e boot this one module, so none of them wires it by hand.
import { DynamicModule, Module } from '@nestjs/common';
import { AppDefaults, HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';
import { CHANNEL_SENDERS } from './channels';
import { DeliveryModule } from './delivery.module';

export const DELIVERY_WORKER_DEFAULTS: AppDefaults = { appName: 'delivery-worker', port: 3005 };

@Module({})
export class DeliveryWorkerAppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: DeliveryWorkerAppModule,
      imports: [HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker'], readyWith: ['database', 'consumers'] }), DeliveryModule.forRoot(CHANNEL_SENDERS, { worker: true, analytics: Boolean(config.posthog.host && config.posthog.apiKey) })],
    };
  }
}
