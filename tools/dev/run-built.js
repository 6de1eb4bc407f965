// Runs a compiled workspace entry point (path without extension, relative to the repo root)
// after building the workspace once: `node tools/dev/run-built.js tools/dev/migrate [args]`.
const { execFileSync } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node tools/dev/run-built.js <entry> [args...]\n');
  process.exit(2);
}
if (process.env.HERALD_SKIP_BUILD !== '1') {
  process.stdout.write('building the workspace (tsc -p tsconfig.build.json)…\n');
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    process.stderr.write('the build failed (errors above); nothing was started\n');
    process.exit(1);
  }
}
process.argv = [process.argv[0], path.join(root, 'dist', entry + '.js'), ...args];
require('../runtime/register-paths');
require(path.join(root, 'dist', entry + '.js'));
