// Public API of the config lib.
export * from './env-reader';
export * from './herald-config';
export * from './config.module';
