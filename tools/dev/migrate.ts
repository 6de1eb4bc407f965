// `npm run migrate`: creates the database if needed and applies pending migrations.
import 'reflect-metadata';
import { loadConfig, redactUrl } from '@herald/platform/config';
import { describeStartupFailure } from '@herald/platform/http';
import { runMigrations } from '@herald/platform/persistence';

async function main(): Promise<void> {
  const config = loadConfig({ appName: 'migrate', port: 0 });
  const applied = await runMigrations(config);
  process.stdout.write(
    applied.length ? `migrations applied to ${redactUrl(config.databaseUrl)}: ${applied.join(', ')}\n` : `database ${redactUrl(config.databaseUrl)} is up to date\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`migrate: ${describeStartupFailure(err)}\n`);
  process.exit(1);
});
