// What an integration may say (SPEC §5, §9): a registered provider, a callback URL that is
// https in production (http elsewhere, for local receivers), and credentials holding exactly
// the provider's credential fields, each a non-empty string. 422 naming each bad field; no
// message ever repeats a credential's value.
import { FieldError, IntegrationProviderDescriptor, integrationProvider, UnprocessableError } from '@herald/contracts';
import { IntegrationCredentials } from '@herald/platform/auth';

const MAX_CREDENTIAL_LENGTH = 1024;

export interface IntegrationTarget {
  provider: string;
  callback_url?: string | null;
  credentials?: Record<string, unknown>;
}

/** The provider's descriptor and the credentials as stored; throws 422 naming `provider`, `callback_url` or `credentials.<field>`. */
export function checkIntegration(
  target: IntegrationTarget,
  options: { production: boolean; credentialsRequired: boolean },
): { provider: IntegrationProviderDescriptor; credentials?: IntegrationCredentials } {
  const provider = integrationProvider(target.provider);
  if (!provider) throw new UnprocessableError('The integration is invalid', [{ path: 'provider', message: `unknown provider '${target.provider}'` }]);
  const errors: FieldError[] = [];
  if (options.production && typeof target.callback_url === 'string' && !target.callback_url.toLowerCase().startsWith('https://')) {
    errors.push({ path: 'callback_url', message: 'must be an https URL' });
  }
  if (target.credentials === undefined && options.credentialsRequired) {
    errors.push({ path: 'credentials', message: `required: ${provider.credentialFields.join(', ')}` });
  }
  if (target.credentials !== undefined) errors.push(...credentialErrors(provider, target.credentials));
  if (errors.length > 0) throw new UnprocessableError('The integration is invalid', errors);
  return { provider, credentials: target.credentials as IntegrationCredentials | undefined };
}

function credentialErrors(provider: IntegrationProviderDescriptor, credentials: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of provider.credentialFields) {
    const value = credentials[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CREDENTIAL_LENGTH) {
      errors.push({ path: `credentials.${field}`, message: `must be a string of 1–${MAX_CREDENTIAL_LENGTH} characters` });
    }
  }
  for (const field of Object.keys(credentials)) {
    if (!provider.credentialFields.includes(field)) errors.push({ path: `credentials.${field}`, message: `not a credential of ${provider.name}` });
  }
  return errors;
}
