// Runs workspace TypeScript sources directly, for tests that need an app as a real child
// process (to SIGKILL it): `node -r ./tools/runtime/register-ts.js apps/<app>/src/main.ts`.
// Each .ts file is transpiled on load (no type check, like ts-jest here), and the @herald/*
// aliases resolve to the libs' sources.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

const root = path.join(__dirname, '..', '..');
const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};

tsconfigPaths.register({ baseUrl: root, paths: compilerOptions.paths, addMatchAll: false });
