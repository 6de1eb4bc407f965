// The management context: tenants, the directory, integrations, API keys. The API-key
// lookup is provided globally, because the access guard (in the auth module) sees only
// global providers besides its own.
import { Global, Module } from '@nestjs/common';
import { API_KEY_SOURCE } from '@herald/platform/auth';
import { ApiKeyLookup } from './api-key.lookup';
import { DirectoryRepository } from './directory.repository';

@Global()
@Module({
  providers: [ApiKeyLookup, { provide: API_KEY_SOURCE, useExisting: ApiKeyLookup }],
  exports: [API_KEY_SOURCE],
})
export class ApiKeyLookupModule {}

@Module({
  imports: [ApiKeyLookupModule],
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class ManagementModule {}
