// Provides the initialized DataSource to every provider; closes it on shutdown only after
// the in-flight work (outbox writer, relay, consumers) has drained.
import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HERALD_CONFIG, HeraldConfig, redactUrl } from '@herald/platform/config';
import { ShutdownDrain } from '@herald/platform/observability';
import { createDataSource } from './data-source';

@Injectable()
export class DataSourceCloser implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drain: ShutdownDrain,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.drain.drain();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [HERALD_CONFIG],
      useFactory: async (config: HeraldConfig) => {
        try {
          return await createDataSource(config).initialize();
        } catch (err) {
          throw new Error(`cannot connect to PostgreSQL at DATABASE_URL (${redactUrl(config.databaseUrl)}): ${(err as Error).message}`);
        }
      },
    },
    DataSourceCloser,
  ],
  exports: [DataSource],
})
export class PersistenceModule {}
