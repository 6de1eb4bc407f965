// Composition of the management-api app: tenants, directory, keys and ops views (routes arrive with their issues).
import { DynamicModule, Module } from '@nestjs/common';
import { HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';
import { ManagementModule } from '@herald/management';

@Module({})
export class AppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker'], readyWith: ['database'] }), ManagementModule],
    };
  }
}

export const APP_DEFAULTS = { appName: 'management-api', port: 3004 };
