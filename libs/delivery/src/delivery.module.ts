// The delivery context: channel senders behind one registry. `forRoot()` registers the
// channels of CHANNEL_SENDERS; a test passes its own list.
import { DynamicModule, Module, Type } from '@nestjs/common';
import { ChannelSender } from './channel-sender';
import { ChannelRegistry } from './channel.registry';
import { CHANNEL_SENDERS } from './channels';

@Module({})
export class DeliveryModule {
  static forRoot(senders: ReadonlyArray<Type<ChannelSender>> = CHANNEL_SENDERS): DynamicModule {
    return {
      module: DeliveryModule,
      providers: [
        ...senders,
        { provide: ChannelRegistry, inject: [...senders], useFactory: (...instances: ChannelSender[]) => new ChannelRegistry(instances) },
      ],
      exports: [ChannelRegistry],
    };
  }
}
