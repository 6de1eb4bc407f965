// The management context: tenants, the directory, integrations, API keys (the platform's
// auth module reads api_keys through its own read-only lookup; the guards' usage reports are
// applied here, by ApiKeyUsageConsumer).
import { Module } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyUsageConsumer } from './api-key-usage.consumer';
import { DirectoryRepository } from './directory.repository';

@Module({
  providers: [DirectoryRepository, ApiKeyRepository, ApiKeyUsageConsumer],
  exports: [DirectoryRepository],
})
export class ManagementModule {}
