// Composition of the webhook-ingress app: provider webhooks in, and the dev delivery sink
// everywhere but production (SPEC §5: absent there, not just refused).
// The app's main.ts, its tests and e2e boot this one module, so none of them wires it by hand.
import { DynamicModule, Module } from '@nestjs/common';
import { AppDefaults, HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';
import { DeliverySinkModule } from './delivery-sink.module';
import { IngressModule } from './ingress.module';

export const WEBHOOK_INGRESS_DEFAULTS: AppDefaults = { appName: 'webhook-ingress', port: 3002 };

@Module({})
export class WebhookIngressAppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: WebhookIngressAppModule,
      imports: [
        HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker'], readyWith: ['database'] }),
        IngressModule,
        ...(config.nodeEnv === 'production' ? [] : [DeliverySinkModule]),
      ],
    };
  }
}
