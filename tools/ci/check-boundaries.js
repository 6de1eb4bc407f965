// Proves the module-boundary rule bites: writes deliberate forbidden imports (an app
// importing another app, a context importing another context, a platform lib importing a
// context), lints them, and fails unless ESLint rejects every one. Removes the probes
// afterwards, also when interrupted (SIGINT, SIGTERM, SIGHUP) or on an uncaught error.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const probes = [
  { file: 'apps/webhook-ingress/src/boundary-probe.ts', code: "import { AppModule } from '../../ingestion-gateway/src/app.module';\nexport const probe = AppModule;\n", what: 'app → another app' },
  { file: 'libs/notifications/src/boundary-probe.ts', code: "import { IngestionModule } from '@herald/ingestion';\nexport const probe = IngestionModule;\n", what: 'context → another context' },
  { file: 'libs/platform/http/src/boundary-probe.ts', code: "import { NotificationsModule } from '@herald/notifications';\nexport const probe = NotificationsModule;\n", what: 'platform → context' },
];

let running; // the child process of the current step, killed on abort
const removeProbes = () => {
  for (const p of probes) fs.rmSync(path.join(root, p.file), { force: true });
};
const abort = (reason, exitCode) => {
  removeProbes();
  running?.kill('SIGTERM');
  process.stderr.write(`check-boundaries: ${reason}; probe files removed\n`);
  process.exit(exitCode);
};
for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) process.once(signal, () => abort(signal, exitCode));
process.once('uncaughtException', (err) => abort(`uncaught error: ${err.stack ?? err}`, 1));
process.once('unhandledRejection', (err) => abort(`unhandled rejection: ${err?.stack ?? err}`, 1));

// Asynchronous children, so a signal is handled while ESLint runs rather than after it.
function run(args) {
  return new Promise((resolve, reject) => {
    let output = '';
    running = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    running.stdout.on('data', (chunk) => (output += chunk));
    running.stderr.on('data', (chunk) => (output += chunk));
    running.once('error', reject);
    running.once('close', (status) => resolve({ status, output }));
  });
}

async function main() {
  // The lint rule reads Nx's cached project graph and skips itself (passing everything)
  // when there is none, as in a fresh clone before any `nx` command.
  const graph = await run([path.join(root, 'node_modules/nx/bin/nx.js'), 'show', 'projects']);
  if (graph.status !== 0) throw new Error(`nx could not compute the project graph:\n${graph.output}`);
  let failed = 0;
  try {
    for (const p of probes) fs.writeFileSync(path.join(root, p.file), `// boundary probe (tools/ci/check-boundaries.js)\n${p.code}`);
    for (const p of probes) {
      const lint = await run([path.join(root, 'node_modules/eslint/bin/eslint.js'), '--no-warn-ignored', p.file]);
      const rejected = lint.status !== 0 && /enforce-module-boundaries/.test(lint.output);
      process.stdout.write(`${rejected ? '✓' : '✗'} lint rejects ${p.what} (${p.file})\n`);
      if (!rejected) {
        failed++;
        process.stdout.write(lint.output);
      }
    }
  } finally {
    removeProbes();
  }
  return failed;
}

main().then((failed) => process.exit(failed ? 1 : 0), (err) => abort(`failed: ${err.stack ?? err}`, 1));
