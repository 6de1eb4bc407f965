// The providers management validates integrations against (the contracts' descriptors) are
// exactly the providers the ingress implements, so an integration is never created for a
// provider no webhook can reach, nor a provider added without its credential fields.
import { INTEGRATION_PROVIDERS } from '@herald/contracts';
import { WEBHOOK_PROVIDERS } from './providers';

describe('integration provider descriptors', () => {
  it('name every implemented webhook provider, and only those', () => {
    expect(INTEGRATION_PROVIDERS.map((p) => p.name).sort()).toEqual(WEBHOOK_PROVIDERS.map((p) => p.name).sort());
  });
});
