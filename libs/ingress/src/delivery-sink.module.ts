// The dev delivery sink; the app composition imports it only outside production.
import { Module } from '@nestjs/common';
import { DeliverySinkController } from './delivery-sink.controller';
import { DeliverySinkRepository } from './delivery-sink.repository';

@Module({
  controllers: [DeliverySinkController],
  providers: [DeliverySinkRepository],
})
export class DeliverySinkModule {}
