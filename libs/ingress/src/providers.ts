// The one list of webhook providers: adding a provider is its file plus one line here.
import { acmeProvider } from './acme.provider';
import { globexProvider } from './globex.provider';
import { WebhookProvider } from './webhook-provider';

export const WEBHOOK_PROVIDERS: readonly WebhookProvider[] = [acmeProvider, globexProvider];
