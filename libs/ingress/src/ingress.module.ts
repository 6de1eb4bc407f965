// The ingress context: provider webhooks verified, normalized and stored through the event
// store, behind one provider registry.
import { Module } from '@nestjs/common';
import { EventStoreModule } from '@herald/event-store';
import { credentialsCipherProvider } from '@herald/platform/auth';
import { IntegrationLookup } from './integration.lookup';
import { ProviderRegistry } from './provider.registry';
import { WEBHOOK_PROVIDERS } from './providers';
import { WebhookReceiptService } from './webhook-receipt.service';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [EventStoreModule],
  controllers: [WebhooksController],
  providers: [
    { provide: ProviderRegistry, useFactory: () => new ProviderRegistry(WEBHOOK_PROVIDERS) },
    // refuses to start without INTEGRATION_CREDENTIALS_KEY (unset in production)
    credentialsCipherProvider,
    IntegrationLookup,
    WebhookReceiptService,
  ],
  exports: [ProviderRegistry],
})
export class IngressModule {}
