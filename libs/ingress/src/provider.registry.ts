// Finds a webhook provider by its name (the `:provider` path segment); an unknown name is
// a 404 RESOURCE_NOT_FOUND (SPEC §5).
import { NotFoundError } from '@herald/contracts';
import { WebhookProvider } from './webhook-provider';

export class ProviderRegistry {
  private readonly byName = new Map<string, WebhookProvider>();

  constructor(providers: readonly WebhookProvider[]) {
    for (const provider of providers) {
      if (this.byName.has(provider.name)) throw new Error(`webhook provider "${provider.name}" is registered twice`);
      this.byName.set(provider.name, provider);
    }
  }

  get(name: string): WebhookProvider {
    const provider = this.byName.get(name);
    if (!provider) throw new NotFoundError('provider', name);
    return provider;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}
