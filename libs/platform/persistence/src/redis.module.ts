// The app's shared Redis client (rate limits shared across replicas); closed after drain.
import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { ShutdownDrain } from '@herald/platform/observability';

export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

@Injectable()
export class RedisCloser implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly drain: ShutdownDrain,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.drain.drain();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [HERALD_CONFIG],
      useFactory: (config: HeraldConfig) =>
        new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
