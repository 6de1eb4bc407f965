// Proves the module-boundary rule bites: writes deliberate forbidden imports (an app
// importing another app, a context importing another context, a platform lib importing a
// context), lints them, and fails unless ESLint rejects every one. Removes the probes.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const probes = [
  { file: 'apps/webhook-ingress/src/boundary-probe.ts', code: "import { AppModule } from '../../ingestion-gateway/src/app.module';\nexport const probe = AppModule;\n", what: 'app → another app' },
  { file: 'libs/notifications/src/boundary-probe.ts', code: "import { IngestionModule } from '@herald/ingestion';\nexport const probe = IngestionModule;\n", what: 'context → another context' },
  { file: 'libs/platform/http/src/boundary-probe.ts', code: "import { NotificationsModule } from '@herald/notifications';\nexport const probe = NotificationsModule;\n", what: 'platform → context' },
];

let failed = 0;
try {
  for (const p of probes) fs.writeFileSync(path.join(root, p.file), `// boundary probe (tools/ci/check-boundaries.js)\n${p.code}`);
  for (const p of probes) {
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--no-warn-ignored', p.file], { cwd: root, encoding: 'utf8' });
    const rejected = run.status !== 0 && /enforce-module-boundaries/.test(run.stdout);
    process.stdout.write(`${rejected ? '✓' : '✗'} lint rejects ${p.what} (${p.file})\n`);
    if (!rejected) {
      failed++;
      process.stdout.write(run.stdout + run.stderr);
    }
  }
} finally {
  for (const p of probes) fs.rmSync(path.join(root, p.file), { force: true });
}
process.exit(failed ? 1 : 0);
