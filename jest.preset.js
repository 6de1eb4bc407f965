// Shared Jest preset: ts-jest in transpile-only mode and the
// workspace path aliases from tsconfig.base.json, so tests import libs exactly as code does.
const path = require('path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace(/[/.]/g, '\\$&')}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform: {
    // Transpile only (isolatedModules in tsconfig.spec.json; type-checking is its own CI step);
    // keeps decorator metadata for Nest DI.
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json'), diagnostics: false }],
  },
};
