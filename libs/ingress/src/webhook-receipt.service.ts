// Receives one provider webhook (SPEC §5): provider (404), integration (404 when unknown or
// inactive), verification with that integration's credentials on the raw bytes (401), the
// normalized body (400 naming fields), then one append to the event store that stores the
// event, its raw snapshot and its outbox records in one statement — herald.events, and when the
// integration has a callback URL the callback's delivery job (SPEC §5, §8). A provider event id
// the integration already delivered resolves to the stored event (200) and enqueues nothing,
// also under concurrency: the event store's unique key decides, not a read before the write.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@herald/contracts';
import { AcceptedEvent, OutboxWriter } from '@herald/event-store';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { RequestContext } from '@herald/platform/observability';
import { defaultIntegrationCredentials } from './default-integration';
import { ActiveIntegration, IntegrationLookup } from './integration.lookup';
import { ProviderRegistry } from './provider.registry';
import { InboundWebhook, NormalizedWebhookEvent, ProviderCredentials, readVerifiedWebhook, WebhookProvider } from './webhook-provider';
import { webhookSnapshot } from './webhook-snapshot';

export interface WebhookReceipt {
  event_id: string;
  provider: string;
  provider_event_id: string;
  /** true: this provider event id was already accepted for the integration; event_id is the stored event. */
  duplicate: boolean;
}

@Injectable()
export class WebhookReceiptService {
  private readonly defaultCredentials: ReadonlyMap<string, ProviderCredentials>;

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly integrations: IntegrationLookup,
    private readonly writer: OutboxWriter,
    @Inject(HERALD_CONFIG) config: HeraldConfig,
  ) {
    this.defaultCredentials = defaultIntegrationCredentials(config);
  }

  /** `integrationId` absent: the provider's default integration. */
  async receive(providerName: string, integrationId: string | undefined, webhook: InboundWebhook): Promise<WebhookReceipt> {
    const provider = this.providers.get(providerName);
    const { integration, credentials } = await this.target(provider, integrationId);
    const normalized = readVerifiedWebhook(provider, webhook, credentials);
    const event = this.acceptedEvent(provider, integration, normalized, webhook);
    const { eventId, duplicate } = await this.writer.append(event);
    return { event_id: eventId, provider: provider.name, provider_event_id: normalized.externalId, duplicate };
  }

  private async target(
    provider: WebhookProvider,
    integrationId: string | undefined,
  ): Promise<{ integration: ActiveIntegration; credentials: ProviderCredentials }> {
    if (integrationId === undefined) {
      const integration = await this.integrations.findDefault(provider.name);
      if (!integration) throw new NotFoundError('integration', `default of ${provider.name}`);
      return { integration, credentials: this.defaultCredentials.get(provider.name) ?? {} };
    }
    const found = await this.integrations.findActive(provider.name, integrationId);
    if (!found) throw new NotFoundError('integration', integrationId);
    return found;
  }

  private acceptedEvent(provider: WebhookProvider, integration: ActiveIntegration, normalized: NormalizedWebhookEvent, webhook: InboundWebhook): AcceptedEvent {
    const context = RequestContext.current();
    return {
      id: randomUUID(),
      tenantId: integration.tenantId,
      kind: 'webhook',
      // routing key webhook.<provider>.<type> (SPEC §6)
      type: `${provider.name}.${normalized.type}`,
      source: provider.name,
      schemaVersion: 1,
      payload: { subject: normalized.subject, data: normalized.data },
      recipients: null,
      customerId: null,
      occurredAt: normalized.occurredAt,
      receivedAt: webhook.receivedAt,
      requestId: context?.requestId ?? randomUUID(),
      traceparent: context?.traceparent ?? '',
      provider: provider.name,
      providerEventId: normalized.externalId,
      integrationId: integration.id,
      callbackDue: integration.callbackUrl !== null,
      rawSnapshot: webhookSnapshot(webhook, provider.secretHeaders),
    };
  }
}
