// Registers passport-jwt and the global AccessGuard in an app, and — when the app has the
// database — the read-only API-key lookup the guard reads, behind a short per-process cache
// (API_KEY_CACHE_TTL_MS), provided here in the guard's own scope so no context has to
// provide it globally.
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { API_KEY_SOURCE } from './api-key';
import { CachingApiKeySource } from './api-key.cache';
import { ApiKeyLookup } from './api-key.lookup';
import { JwtStrategy } from './jwt.strategy';

@Module({})
export class AuthModule {
  static forRoot(options: { apiKeys: boolean }): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [
        JwtStrategy,
        { provide: APP_GUARD, useClass: AccessGuard },
        ...(options.apiKeys
          ? [
              ApiKeyLookup,
              {
                provide: API_KEY_SOURCE,
                inject: [ApiKeyLookup, HERALD_CONFIG],
                useFactory: (lookup: ApiKeyLookup, config: HeraldConfig) => new CachingApiKeySource(lookup, config.apiKeyCacheTtlMs),
              },
            ]
          : []),
      ],
    };
  }
}
