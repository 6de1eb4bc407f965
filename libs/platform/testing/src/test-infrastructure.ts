// Per-suite infrastructure on real Postgres, RabbitMQ and Redis: its own database (migrated)
// and its own broker name prefix, so suites never see each other. Services come from
// testcontainers when global-setup started them, otherwise from the SPEC §10 URLs.
import { randomBytes } from 'node:crypto';
import amqplib from 'amqplib';
import Redis from 'ioredis';
import { Client } from 'pg';
import { EnvMap, redactUrl } from '@herald/platform/config';
import { DEAD_LETTER_QUEUE, EXCHANGE_TYPES, UNROUTED_EXCHANGE, UNROUTED_QUEUE } from '@herald/platform/messaging';
import { runMigrations } from '@herald/platform/persistence';

export interface TestInfrastructure {
  databaseUrl: string;
  amqpUrl: string;
  amqpPrefix: string;
  redisUrl: string;
  /** Environment for loadConfig: the suite's URLs, prefix and fast test timings. */
  env: EnvMap;
  /** Remembers queues (full, prefixed names: ConsumerHost.declaredQueues()) an app of this suite declared, for teardown. */
  trackQueues(queueNames: string[]): void;
  /** Drops the database and deletes the suite's exchanges and shared queues, and exactly the tracked and given queues. */
  teardown(queueNames?: string[]): Promise<void>;
}

export function baseUrls(): { databaseUrl: string; amqpUrl: string; redisUrl: string } {
  return {
    databaseUrl: process.env['HERALD_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    amqpUrl: process.env['HERALD_TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672',
    redisUrl: process.env['HERALD_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  };
}

export async function createTestInfrastructure(suite: string): Promise<TestInfrastructure> {
  const base = baseUrls();
  const id = `${suite.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const dbUrl = new URL(base.databaseUrl);
  dbUrl.pathname = `/herald_t_${id}`;
  const databaseUrl = dbUrl.toString();
  try {
    await runMigrations({ databaseUrl, databasePoolSize: 1, appName: `test:${suite}` });
  } catch (err) {
    throw new Error(`integration tests need PostgreSQL at ${redactUrl(base.databaseUrl)}: ${(err as Error).message}`);
  }
  const amqpPrefix = `t.${id}.`;
  const env: EnvMap = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['HERALD_TEST_LOG_LEVEL'] ?? 'silent',
    DATABASE_URL: databaseUrl,
    AMQP_URL: base.amqpUrl,
    AMQP_PREFIX: amqpPrefix,
    REDIS_URL: base.redisUrl,
    REDIS_KEY_PREFIX: amqpPrefix,
    PORT: '0',
    HOST: '127.0.0.1',
    MANAGEMENT_API_KEY: 'test-operator-key',
    CONSUMER_RETRY_SCHEDULE: '0.2,0.4',
    OUTBOX_SWEEP_INTERVAL_MS: '200',
    AMQP_PUBLISH_TIMEOUT_MS: '2000',
    OUTBOX_LEASE_MS: '6000',
    SHUTDOWN_GRACE_MS: '5000',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  };
  const tracked = new Set<string>();
  return {
    databaseUrl,
    amqpUrl: base.amqpUrl,
    amqpPrefix,
    redisUrl: base.redisUrl,
    env,
    trackQueues: (queueNames) => queueNames.forEach((name) => tracked.add(name)),
    teardown: (queueNames = []) => {
      queueNames.forEach((name) => tracked.add(name));
      return teardown(base.databaseUrl, databaseUrl, base.amqpUrl, amqpPrefix, [...tracked]).then(() => deleteRedisKeys(base.redisUrl, amqpPrefix));
    },
  };
}

async function teardown(
  adminUrl: string,
  databaseUrl: string,
  amqpUrl: string,
  prefix: string,
  queueNames: string[],
): Promise<void> {
  const connection = await amqplib.connect(amqpUrl);
  const channel = await connection.createChannel();
  channel.on('error', () => undefined);
  // Only this suite's names: a queue of another suite (or of production) is never touched.
  for (const name of queueNames.filter((q) => q.startsWith(prefix))) await channel.deleteQueue(name);
  await channel.deleteQueue(prefix + DEAD_LETTER_QUEUE);
  await channel.deleteQueue(prefix + UNROUTED_QUEUE);
  for (const exchange of [...Object.keys(EXCHANGE_TYPES), UNROUTED_EXCHANGE]) await channel.deleteExchange(prefix + exchange);
  await connection.close();
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

/** Deletes the suite's Redis keys (its REDIS_KEY_PREFIX); best effort, as a suite may have cut Redis on purpose. */
async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    for (let cursor = '0'; ; ) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      if (next === '0') break;
      cursor = next;
    }
  } catch {
    // keys expire with their window anyway
  } finally {
    redis.disconnect();
  }
}
