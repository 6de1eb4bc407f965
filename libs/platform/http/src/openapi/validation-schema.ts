// Describes the class-validator DTOs to @nestjs/swagger: each validated property of a DTO
// class gets the @ApiProperty its constraints imply (type, required, enum, lengths, bounds,
// formats, arrays, nested DTOs), so request bodies and query DTOs are documented from the
// very rules that validate them, with no second description to keep in step. Metadata only,
// applied once before a document is built (never on a request).
import 'reflect-metadata';
import { ApiProperty } from '@nestjs/swagger';
/** @nestjs/swagger's key for @ApiProperty metadata (its constants are not exported). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
import { getMetadataStorage } from 'class-validator';

// class-transformer keeps @Type() in a storage its typings do not export
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTypeMetadata(target: Ctor, property: string): unknown };
};

interface ValidationMeta {
  type: string;
  name?: string;
  target: Ctor | string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

type PropertyOptions = Record<string, unknown>;
/** A class (or a built-in constructor such as String) as reflection metadata gives it. */
type Ctor = abstract new (...args: never[]) => unknown;

const FORMATS: Record<string, string> = {
  isEmail: 'email',
  isUrl: 'uri',
  isUUID: 'uuid',
  isISO8601: 'date-time',
  isDateString: 'date-time',
  isDate: 'date-time',
};
const TYPES: Record<string, string> = {
  isString: 'string',
  isInt: 'integer',
  isNumber: 'number',
  isNumberString: 'string',
  isBoolean: 'boolean',
  isObject: 'object',
  isEmail: 'string',
  isUrl: 'string',
  isUUID: 'string',
  isISO8601: 'string',
  isDateString: 'string',
  isEnum: 'string',
  isIn: 'string',
};

const described = new WeakSet<Ctor>();

/** Adds @ApiProperty to every class-validator DTO loaded so far (each class once; explicit @ApiProperty wins). */
export function describeValidatedDtos(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Ctor, ValidationMeta[]> };
  for (const [target, metas] of storage.validationMetadatas) {
    if (typeof target !== 'function' || described.has(target)) continue;
    described.add(target);
    const byProperty = new Map<string, ValidationMeta[]>();
    for (const meta of metas) {
      const list = byProperty.get(meta.propertyName) ?? [];
      list.push(meta);
      byProperty.set(meta.propertyName, list);
    }
    for (const [property, list] of byProperty) {
      const existing = Reflect.getMetadata(API_MODEL_PROPERTIES, target.prototype, property) as unknown;
      if (existing) continue;
      ApiProperty(propertyOptions(target, property, list))(target.prototype, property);
    }
  }
}

function propertyOptions(target: Ctor, property: string, metas: ValidationMeta[]): PropertyOptions {
  const designType = Reflect.getMetadata('design:type', target.prototype, property) as Ctor | undefined;
  const isArray = metas.some((m) => m.name === 'isArray' || m.each === true) || designType === Array;
  const itemTarget: PropertyOptions = {};
  const own: PropertyOptions = { required: !metas.some((m) => m.type === 'conditionalValidation' || m.name === 'isOptional') };
  const nested = (defaultMetadataStorage.findTypeMetadata(target, property) as { typeFunction?: () => Ctor } | undefined)?.typeFunction?.();
  for (const meta of metas) {
    const c = meta.constraints ?? [];
    const into = meta.each ? itemTarget : isArray && meta.name !== 'arrayMaxSize' && meta.name !== 'arrayMinSize' && meta.name !== 'arrayNotEmpty' && meta.name !== 'isArray' ? itemTarget : own;
    if (meta.name && TYPES[meta.name]) into['type'] = TYPES[meta.name];
    if (meta.name && FORMATS[meta.name]) into['format'] = FORMATS[meta.name];
    switch (meta.name) {
      case 'isIn':
        into['enum'] = c[0] as unknown[];
        break;
      case 'isEnum':
        into['enum'] = Object.values(c[0] as object);
        break;
      case 'maxLength':
        into['maxLength'] = c[0];
        break;
      case 'minLength':
        into['minLength'] = c[0];
        break;
      case 'isLength':
        into['minLength'] = c[0];
        if (c[1] !== undefined) into['maxLength'] = c[1];
        break;
      case 'min':
        into['minimum'] = c[0];
        break;
      case 'max':
        into['maximum'] = c[0];
        break;
      case 'matches':
        if (c[0] instanceof RegExp) into['pattern'] = c[0].source;
        break;
      case 'arrayMaxSize':
        own['maxItems'] = c[0];
        break;
      case 'arrayMinSize':
        own['minItems'] = c[0];
        break;
      case 'arrayNotEmpty':
        own['minItems'] = 1;
        break;
      case 'isNotEmpty':
        if (into['type'] === 'string' || designType === String) into['minLength'] = 1;
        break;
    }
  }
  const nestedClass = nested && nested !== Number && nested !== String && nested !== Boolean && nested !== Date ? nested : undefined;
  if (isArray) {
    const items = nestedClass ? { type: nestedClass } : { type: itemTarget['type'] ?? primitiveOf(nested) ?? 'string' };
    const { type: _type, ...itemRest } = itemTarget;
    return { ...own, isArray: true, ...items, ...itemRest };
  }
  if (nestedClass) return { ...own, type: nestedClass };
  if (!own['type']) own['type'] = primitiveOf(designType) ?? primitiveOf(nested) ?? 'object';
  if (own['type'] === 'object' && !own['additionalProperties']) own['additionalProperties'] = true;
  return own;
}

function primitiveOf(type: Ctor | undefined): string | undefined {
  if (type === String) return 'string';
  if (type === Number) return 'number';
  if (type === Boolean) return 'boolean';
  if (type === Date) return 'string';
  return undefined;
}
