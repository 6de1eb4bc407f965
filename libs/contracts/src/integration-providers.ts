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

/**
 * The optional credential that signs an integration's callbacks (Standard Webhooks,
 * `whsec_` and the base64 of at least 24 random bytes); any provider's integration may carry
 * it beside the provider's own fields. The delivery worker reads it at each attempt.
 */
export const CALLBACK_SECRET_CREDENTIAL = 'callback_secret';
export const CALLBACK_SECRET_FORMAT = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;
