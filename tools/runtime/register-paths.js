// Resolves the workspace path aliases (@herald/*) to the compiled output in dist/, so the
// built apps and tools run with plain `node -r ./tools/runtime/register-paths.js dist/...`.
const path = require('path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

tsconfigPaths.register({
  baseUrl: path.join(__dirname, '..', '..', 'dist'),
  paths: compilerOptions.paths,
  addMatchAll: false,
});
