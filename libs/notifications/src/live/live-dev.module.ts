// The dev/test pushes; the app composition imports this module only outside production
// (SPEC §7: absent there, not just refused).
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module';
import { LiveDevController } from './live-dev.controller';
import { LiveDevService } from './live-dev.service';

@Module({
  imports: [NotificationsModule],
  controllers: [LiveDevController],
  providers: [LiveDevService],
})
export class LiveDevModule {}
