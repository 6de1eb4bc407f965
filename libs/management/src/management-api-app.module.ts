// Composition of the management-api app: tenants and plans, directory, API keys, webhook subscriptions, the event-type catalog (ops views arrive with their issues).
// The app's main.ts, its tests and e2e boot this one module, so none of them wires it by hand.
import { DynamicModule, Module } from '@nestjs/common';
import { AppDefaults, HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';
import { ManagementModule } from './management.module';

export const MANAGEMENT_API_DEFAULTS: AppDefaults = { appName: 'management-api', port: 3004 };

@Module({})
export class ManagementApiAppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: ManagementApiAppModule,
      imports: [HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker'], readyWith: ['database'] }), ManagementModule],
    };
  }
}
