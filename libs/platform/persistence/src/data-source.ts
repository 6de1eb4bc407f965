// Builds the TypeORM DataSource from config (never `synchronize`) and runs migrations under
// an advisory lock, so N replicas or a CI job can start at once safely.
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { HeraldConfig, redactUrl } from '@herald/platform/config';
import { ENTITIES, MIGRATIONS } from './schema';

export const MIGRATIONS_TABLE = 'herald_migrations';
const MIGRATION_LOCK_KEY = 7_211_001;

export function createDataSource(config: Pick<HeraldConfig, 'databaseUrl' | 'databasePoolSize' | 'appName'>): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    applicationName: config.appName,
    extra: { max: config.databasePoolSize, connectionTimeoutMillis: 5000 },
  });
}

/** Creates the database named in the URL when it does not exist yet (dev and tests). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`unsupported database name in ${redactUrl(databaseUrl)}`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another runner
      });
    }
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(config: Pick<HeraldConfig, 'databaseUrl' | 'databasePoolSize' | 'appName'>): Promise<string[]> {
  await ensureDatabase(config.databaseUrl);
  const dataSource = createDataSource({ ...config, databasePoolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
