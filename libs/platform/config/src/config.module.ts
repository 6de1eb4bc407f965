// Provides the validated HeraldConfig to every Nest provider under the HERALD_CONFIG token.
import { DynamicModule, Global, Module } from '@nestjs/common';
import { HeraldConfig } from './herald-config';

export const HERALD_CONFIG = Symbol('HERALD_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: HeraldConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: HERALD_CONFIG, useValue: config }], exports: [HERALD_CONFIG] };
  }
}
