// Provides the gateway's Redis rate limiter as RATE_LIMITER. Global because the access guard
// that calls it is registered by the platform's AuthModule and resolves RATE_LIMITER from its
// own scope or the global one (rate-limiter.ts); only the gateway composition imports this.
import { Global, Module } from '@nestjs/common';
import { RATE_LIMITER } from '@herald/platform/auth';
import { RedisRateLimiter } from './redis-rate-limiter';

@Global()
@Module({
  providers: [RedisRateLimiter, { provide: RATE_LIMITER, useExisting: RedisRateLimiter }],
  exports: [RATE_LIMITER],
})
export class GatewayRateLimitModule {}
