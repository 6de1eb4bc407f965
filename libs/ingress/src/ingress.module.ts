// The ingress context: webhook providers (verify + normalize) behind one registry.
import { Module } from '@nestjs/common';
import { ProviderRegistry } from './provider.registry';
import { WEBHOOK_PROVIDERS } from './providers';

@Module({
  providers: [{ provide: ProviderRegistry, useFactory: () => new ProviderRegistry(WEBHOOK_PROVIDERS) }],
  exports: [ProviderRegistry],
})
export class IngressModule {}
