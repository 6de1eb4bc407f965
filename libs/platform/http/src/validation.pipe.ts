// class-validator DTO validation for every HTTP shape; failures are 400 VALIDATION_ERROR
// with details.errors [{path, message}].
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, MalformedRequestError } from '@herald/contracts';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(e.children ?? [], path)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new MalformedRequestError('The request is invalid', flattenValidationErrors(errors)),
  });
}
