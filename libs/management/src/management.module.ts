// The management context: tenants, the directory, integrations, API keys (the platform's
// auth module reads api_keys through its own read-only lookup).
import { Module } from '@nestjs/common';
import { DirectoryRepository } from './directory.repository';

@Module({
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class ManagementModule {}
