// Registers passport-jwt and the global AccessGuard in an app, and — when the app has the
// database — the read-only API-key lookup the guard reads, behind a short per-process cache
// (API_KEY_CACHE_TTL_MS), provided here in the guard's own scope so no context has to
// provide it globally. With the broker too, the ApiKeyUsageRecorder the guard notes each
// API-key request in, reported to the management context (last_used_at).
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { API_KEY_SOURCE } from './api-key';
import { CachingApiKeySource } from './api-key.cache';
import { ApiKeyLookup } from './api-key.lookup';
import { ApiKeyUsageRecorder } from './api-key-usage.recorder';
import { JwtStrategy } from './jwt.strategy';

@Module({})
export class AuthModule {
  /** `apiKeys`: the app has the database to look keys up in; `reportUsage`: and the broker to report their use on. */
  static forRoot(options: { apiKeys: boolean; reportUsage: boolean }): DynamicModule {
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
        ...(options.apiKeys && options.reportUsage ? [ApiKeyUsageRecorder] : []),
      ],
    };
  }
}
