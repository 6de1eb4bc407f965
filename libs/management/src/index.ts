// Public API of the management context.
export * from './directory.repository';
export * from './demo-seed';
