// The credentials of each provider's default integration (SPEC §5: `POST /webhooks/:provider`
// targets it): the env values, read once at boot by the config lib. Other integrations keep
// their credentials on their own row; providers never read config.
import { HeraldConfig } from '@herald/platform/config';
import { ProviderCredentials } from './webhook-provider';

export function defaultIntegrationCredentials(config: Pick<HeraldConfig, 'providers'>): ReadonlyMap<string, ProviderCredentials> {
  return new Map<string, ProviderCredentials>([
    ['acme', { secret: config.providers.acmeWebhookSecret }],
    ['globex', { token: config.providers.globexWebhookToken }],
  ]);
}
