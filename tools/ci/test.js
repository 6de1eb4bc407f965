// `npm test`: lint (with the boundary proof), type-check, manifest check, then every unit
// and integration test. Prints a progress line per step and a closing count.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const bin = (p) => path.join(root, 'node_modules', p);
fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });

const steps = [
  ['lint', [bin('nx/bin/nx.js'), 'run-many', '-t', 'lint', '--parallel=2', '--outputStyle=static']],
  ['module boundaries', [path.join(root, 'tools/ci/check-boundaries.js')]],
  ['type-check', [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noEmit']],
  ['deployment manifests', [path.join(root, 'tools/ci/check-manifests.js')]],
  ['unit tests', [bin('jest/bin/jest.js'), '-c', 'jest.unit.config.js', '--json', '--outputFile=tmp/unit-results.json']],
  ['integration tests', [bin('jest/bin/jest.js'), '-c', 'jest.int.config.js', '--runInBand', '--json', '--outputFile=tmp/int-results.json']],
];

let failedSteps = 0;
for (const [name, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = run.status === 0;
  if (!ok) failedSteps++;
  process.stdout.write(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s) ===\n`);
}

let passed = 0;
let failed = 0;
for (const file of ['tmp/unit-results.json', 'tmp/int-results.json']) {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) continue;
  const results = JSON.parse(fs.readFileSync(full, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
}
process.stdout.write(`\nsteps failed: ${failedSteps}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
