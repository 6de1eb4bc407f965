// `npm test`: lint (with the boundary proof), type-check, manifest check, the OpenAPI documents
// (up to date with the code, redocly-lint clean), then every unit
// and integration test. Prints a progress line per step and a closing count made only from
// this run's Jest results: a test step that ends without writing them counts as failed.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const bin = (p) => path.join(root, 'node_modules', p);
fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });

const jest = (config, results, ...extra) => [bin('jest/bin/jest.js'), '-c', config, ...extra, '--json', `--outputFile=${results}`];
const steps = [
  { name: 'lint', args: [bin('nx/bin/nx.js'), 'run-many', '-t', 'lint', '--parallel=2', '--outputStyle=static'] },
  { name: 'module boundaries', args: [path.join(root, 'tools/ci/check-boundaries.js')] },
  { name: 'type-check', args: [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noEmit'] },
  { name: 'deployment manifests', args: [path.join(root, 'tools/ci/check-manifests.js')] },
  // the committed api/*.yaml must be what the code generates (`npm run openapi` rewrites them), and lint clean
  { name: 'openapi documents up to date', args: ['-r', path.join(root, 'tools/runtime/register-ts.js'), path.join(root, 'tools/openapi/generate.ts'), '--check'] },
  { name: 'openapi lint', args: [bin('@redocly/cli/bin/cli.js'), 'lint', '--format=summary'] },
  { name: 'unit tests', results: 'tmp/unit-results.json', args: jest('jest.unit.config.js', 'tmp/unit-results.json') },
  // --forceExit: an app a failed test could not close must not hang the run (the failure is counted already)
  { name: 'integration tests', results: 'tmp/int-results.json', args: jest('jest.int.config.js', 'tmp/int-results.json', '--runInBand', '--forceExit') },
];

// A results file left by an earlier run would be counted as this run's when a step crashes.
for (const step of steps) if (step.results) fs.rmSync(path.join(root, step.results), { force: true });

let failedSteps = 0;
let passed = 0;
let failed = 0;
let suitesNotRun = 0;
const problems = [];
for (const step of steps) {
  const started = Date.now();
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const run = spawnSync(process.execPath, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  let ok = run.status === 0;
  if (step.results) {
    const results = readResults(step.results);
    if (results) {
      passed += results.numPassedTests;
      failed += results.numFailedTests;
      suitesNotRun += results.numRuntimeErrorTestSuites;
    } else {
      ok = false;
      problems.push(`${step.name}: no results in ${step.results} (the step ended${run.signal ? ` by ${run.signal}` : ` with status ${run.status}`} before Jest reported); counted as failed`);
    }
  }
  if (!ok) failedSteps++;
  process.stdout.write(`=== ${step.name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s) ===\n`);
}

process.stdout.write('\n');
for (const problem of problems) process.stdout.write(`${problem}\n`);
process.stdout.write(`steps failed: ${failedSteps}\n`);
if (suitesNotRun > 0) process.stdout.write(`test suites that failed to run: ${suitesNotRun}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);

function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  } catch {
    return undefined;
  }
}
