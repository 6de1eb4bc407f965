// Fault injection on PostgreSQL: another session holds a table in ACCESS EXCLUSIVE mode, so
// every statement of the app on it waits — a stuck database, made deterministic for a test.
import { Client } from 'pg';

/** Locks `table` until the returned function is called (which rolls the lock's transaction back). */
export async function holdTableLock(databaseUrl: string, table: string): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`invalid table name ${table}`);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}
