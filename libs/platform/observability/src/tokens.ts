// Injection tokens of the observability lib (no imports, no cycles).
export const HERALD_LOGGER = Symbol('HERALD_LOGGER');
