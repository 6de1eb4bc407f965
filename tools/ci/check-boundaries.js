// Proves the boundary rules bite: writes deliberate forbidden imports (an app importing
// another app, a context importing another context, a platform lib importing a context, app
// source importing the test harness, a context importing another context's entity) and two
// allowed ones (an app's test using the harness, a context using its own entity), lints them
// in one ESLint run, and fails unless each forbidden import is rejected by the rule named and
// each allowed one passes. Removes the probes afterwards, also when interrupted (SIGINT,
// SIGTERM, SIGHUP) or on an uncaught error.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const BOUNDARIES = '@nx/enforce-module-boundaries';
const RESTRICTED = 'no-restricted-imports';
const probes = [
  { file: 'apps/webhook-ingress/src/boundary-probe.ts', code: "import { AppModule } from '../../ingestion-gateway/src/app.module';\nexport const probe = AppModule;\n", what: 'app → another app', rejectedBy: BOUNDARIES },
  { file: 'libs/notifications/src/boundary-probe.ts', code: "import { IngestionModule } from '@herald/ingestion';\nexport const probe = IngestionModule;\n", what: 'context → another context', rejectedBy: BOUNDARIES },
  { file: 'libs/platform/http/src/boundary-probe.ts', code: "import { NotificationsModule } from '@herald/notifications';\nexport const probe = NotificationsModule;\n", what: 'platform → context', rejectedBy: BOUNDARIES },
  { file: 'apps/notification-service/src/boundary-probe.ts', code: "import { eventMessage } from '@herald/platform/testing';\nexport const probe = eventMessage;\n", what: 'app source (not a test) → test harness', rejectedBy: RESTRICTED },
  { file: 'libs/notifications/src/boundary-probe-entity.ts', code: "import { TenantEntity } from '@herald/platform/persistence';\nexport const probe = TenantEntity;\n", what: "context → another context's entity", rejectedBy: RESTRICTED },
  { file: 'apps/notification-service/test/boundary-probe.ts', code: "import { eventMessage } from '@herald/platform/testing';\nexport const probe = eventMessage;\n", what: "an app's test → test harness" },
  { file: 'libs/notifications/src/boundary-probe-own-entity.ts', code: "import { NotificationEntity } from '@herald/platform/persistence';\nexport const probe = NotificationEntity;\n", what: 'context → its own entity' },
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
    let stdout = '';
    let stderr = '';
    running = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    running.stdout.on('data', (chunk) => (stdout += chunk));
    running.stderr.on('data', (chunk) => (stderr += chunk));
    running.once('error', reject);
    running.once('close', (status) => resolve({ status, stdout, stderr, output: stdout + stderr }));
  });
}

/** Whether ESLint's verdict on a probe is the expected one, and what it said. */
function verdict(probe, messages) {
  const errors = messages.filter((m) => m.severity === 2);
  const ok = probe.rejectedBy ? errors.some((m) => m.ruleId === probe.rejectedBy) : errors.length === 0;
  const said = errors.map((m) => `    ${m.line}:${m.column}  ${m.ruleId ?? 'fatal'}  ${m.message}`).join('\n');
  return { ok, said };
}

async function main() {
  // The lint rule reads Nx's cached project graph and skips itself (passing everything)
  // when there is none, as in a fresh clone before any `nx` command.
  const graph = await run([path.join(root, 'node_modules/nx/bin/nx.js'), 'show', 'projects']);
  if (graph.status !== 0) throw new Error(`nx could not compute the project graph:\n${graph.output}`);
  let failed = 0;
  try {
    for (const p of probes) fs.writeFileSync(path.join(root, p.file), `// boundary probe (tools/ci/check-boundaries.js)\n${p.code}`);
    const lint = await run([path.join(root, 'node_modules/eslint/bin/eslint.js'), '--no-warn-ignored', '--format', 'json', ...probes.map((p) => p.file)]);
    let results;
    try {
      results = JSON.parse(lint.stdout);
    } catch {
      throw new Error(`ESLint did not report on the probes:\n${lint.output}`);
    }
    for (const p of probes) {
      const result = results.find((r) => path.relative(root, r.filePath) === p.file);
      const { ok, said } = verdict(p, result?.messages ?? []);
      const expected = p.rejectedBy ? `rejects ${p.what} (${p.rejectedBy})` : `accepts ${p.what}`;
      process.stdout.write(`${ok ? '✓' : '✗'} lint ${expected}: ${p.file}\n`);
      if (!ok) {
        failed++;
        process.stdout.write(`${said || '    (no errors)'}\n`);
      }
    }
  } finally {
    removeProbes();
  }
  return failed;
}

main().then((failed) => process.exit(failed ? 1 : 0), (err) => abort(`failed: ${err.stack ?? err}`, 1));
