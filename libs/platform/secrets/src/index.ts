// Public API of the secrets lib: values sealed at rest.
export * from './secret-box';
