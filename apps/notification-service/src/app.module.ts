// Composition of the notification-service app: events to per-user notifications and the feed.
import { DynamicModule, Module } from '@nestjs/common';
import { HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { HeraldLogger } from '@herald/platform/observability';
import { NotificationsModule } from '@herald/notifications';

@Module({})
export class AppModule {
  static forRoot(config: HeraldConfig, logger?: HeraldLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [HttpPlatformModule.forRoot({ config, logger, uses: ['database', 'broker'], readyWith: ['database', 'consumers'] }), NotificationsModule],
    };
  }
}

export const APP_DEFAULTS = { appName: 'notification-service', port: 3003 };
