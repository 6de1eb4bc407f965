// The app's shared Redis client (rate limits shared across replicas); closed after drain.
// Every key goes through REDIS_KEY_PREFIX (ioredis prefixes script KEYS too), so test suites
// and deployments sharing one Redis never count into each other's windows.
import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger, ShutdownDrain } from '@herald/platform/observability';

export const REDIS = Symbol('REDIS');

@Injectable()
export class RedisCloser implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly drain: ShutdownDrain,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.drain.drain();
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [HERALD_CONFIG, HERALD_LOGGER],
      useFactory: (config: HeraldConfig, logger: HeraldLogger) => {
        // No offline queue: while Redis is away a command fails at once instead of piling up.
        // Auto-pipelining: the commands of one tick (concurrent requests' rate-limit checks) go
        // out in one socket write instead of one each (a write per request was ~10 % of the
        // gateway's CPU on the single-event route).
        const redis = new Redis(config.redisUrl, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          enableAutoPipelining: true,
          keyPrefix: config.redisKeyPrefix,
        });
        let warned = false;
        redis.on('error', (err: Error) => {
          if (!warned) logger.warn({ err: err.message }, 'redis unavailable; reconnecting');
          warned = true;
        });
        redis.on('ready', () => (warned = false));
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
