// Composition of the webhook-ingress app: provider webhooks in (providers arrive with their issue).
import { DynamicModule, Module } from '@nestjs/common';
import { HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';

@Module({})
export class AppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker'], readyWith: ['database'] })],
    };
  }
}

export const APP_DEFAULTS = { appName: 'webhook-ingress', port: 3002 };
