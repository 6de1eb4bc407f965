// The webhook providers an integration may connect (SPEC §5) and the credential fields each
// one verifies with, as the management context validates an integration against them. The
// ingress implements each provider (one file each, libs/ingress/src/providers.ts); a provider
// added there is added here too, with the credential fields its `verify` reads.
export interface IntegrationProviderDescriptor {
  name: string;
  /** The keys of `credentials` the provider's verification reads; each a non-empty string. */
  credentialFields: readonly string[];
}

export const INTEGRATION_PROVIDERS: readonly IntegrationProviderDescriptor[] = [
  { name: 'acme', credentialFields: ['secret'] },
  { name: 'globex', credentialFields: ['token'] },
];

/** The provider named `name`, or undefined when no such provider is registered. */
export function integrationProvider(name: string): IntegrationProviderDescriptor | undefined {
  return INTEGRATION_PROVIDERS.find((provider) => provider.name === name);
}
