// Composition of the notification-service app: events to per-user notifications, the feed and
// the live stream; the dev/test pushes everywhere but production (SPEC §7: absent there).
// The app's main.ts, its tests and e2e boot this one module, so none of them wires it by hand.
import { DynamicModule, Module } from '@nestjs/common';
import { AppDefaults, HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';
import { LiveDevModule } from './live/live-dev.module';
import { NotificationsModule } from './notifications.module';

export const NOTIFICATION_SERVICE_DEFAULTS: AppDefaults = { appName: 'notification-service', port: 3003 };

@Module({})
export class NotificationServiceAppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: NotificationServiceAppModule,
      imports: [
        HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker'], readyWith: ['database', 'consumers'] }),
        NotificationsModule,
        ...(config.nodeEnv === 'production' ? [] : [LiveDevModule]),
      ],
    };
  }
}
