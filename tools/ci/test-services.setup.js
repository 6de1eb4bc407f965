// Jest global setup for integration tests: when a container engine answers (and
// HERALD_TEST_CONTAINERS is not "never"), start Postgres, RabbitMQ and Redis with
// testcontainers and hand their URLs to the suites; otherwise use the local services.
const PROBE_TIMEOUT_MS = 5000;

async function engineAnswers() {
  if (process.env.HERALD_TEST_CONTAINERS === 'never') return false;
  try {
    const { getContainerRuntimeClient } = require('testcontainers');
    const probe = getContainerRuntimeClient().then(() => true, () => false);
    const timeout = new Promise((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref());
    return await Promise.race([probe, timeout]);
  } catch {
    return false;
  }
}

module.exports = async function setup() {
  if (process.env.HERALD_TEST_DATABASE_URL || !(await engineAnswers())) {
    process.stdout.write('\nintegration tests: using local Postgres, RabbitMQ and Redis (no container engine)\n');
    return;
  }
  const { GenericContainer, Wait } = require('testcontainers');
  const [pg, mq, redis] = await Promise.all([
    new GenericContainer('postgres:16-alpine')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start(),
    new GenericContainer('rabbitmq:3.13-alpine').withExposedPorts(5672).withWaitStrategy(Wait.forLogMessage(/Server startup complete/)).start(),
    new GenericContainer('redis:7-alpine').withExposedPorts(6379).start(),
  ]);
  globalThis.__HERALD_CONTAINERS__ = [pg, mq, redis];
  process.env.HERALD_TEST_DATABASE_URL = `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/postgres`;
  process.env.HERALD_TEST_AMQP_URL = `amqp://guest:guest@${mq.getHost()}:${mq.getMappedPort(5672)}`;
  process.env.HERALD_TEST_REDIS_URL = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
  process.env.HERALD_TEST_RABBITMQ_CONTAINER = mq.getId();
  process.stdout.write('\nintegration tests: using testcontainers (postgres:16, rabbitmq:3.13, redis:7)\n');
};
