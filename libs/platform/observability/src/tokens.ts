// Injection tokens and route metadata keys of the observability lib (no imports, no cycles).
import { Inject } from '@nestjs/common';

export const HERALD_LOGGER = Symbol('HERALD_LOGGER');
export const InjectLogger = (): ParameterDecorator => Inject(HERALD_LOGGER);
