// Jest global setup for integration tests: when a container engine answers (and
// HERALD_TEST_CONTAINERS is not "never"), start Postgres, RabbitMQ and Redis with
// testcontainers and hand their URLs to the suites; otherwise use the local services.
// Tests inject faults through a TCP proxy (libs/platform/testing), never through the
// engine or the services' own tools, so both paths run the same suites.
const PROBE_TIMEOUT_MS = 5000;

async function engineAnswers() {
  try {
    const { getContainerRuntimeClient } = require('testcontainers');
    const probe = getContainerRuntimeClient().then(() => true, () => false);
    const timeout = new Promise((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref());
    return await Promise.race([probe, timeout]);
  } catch {
    return false;
  }
}

// Why the local services are used, or undefined when containers should be started.
async function reasonForLocalServices() {
  if (process.env.HERALD_TEST_DATABASE_URL) return 'HERALD_TEST_DATABASE_URL is set';
  if (process.env.HERALD_TEST_CONTAINERS === 'never') return 'HERALD_TEST_CONTAINERS=never';
  if (!(await engineAnswers())) return 'no container engine answered';
  return undefined;
}

async function startContainers() {
  const { GenericContainer, Wait } = require('testcontainers');
  const started = await Promise.allSettled([
    new GenericContainer('postgres:16-alpine')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start(),
    new GenericContainer('rabbitmq:3.13-alpine').withExposedPorts(5672).withWaitStrategy(Wait.forLogMessage(/Server startup complete/)).start(),
    new GenericContainer('redis:7-alpine').withExposedPorts(6379).start(),
  ]);
  const containers = started.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) {
    await Promise.allSettled(containers.map((c) => c.stop()));
    throw new Error(
      `a container engine answered but the test services did not start (${failure.reason?.message ?? failure.reason}); ` +
        'set HERALD_TEST_CONTAINERS=never to use the local services instead',
    );
  }
  return containers;
}

module.exports = async function setup() {
  const reason = await reasonForLocalServices();
  if (reason) {
    process.stdout.write(`\nintegration tests: no containers (${reason}); services at HERALD_TEST_*_URL, else the SPEC §10 URLs\n`);
    return;
  }
  const [pg, mq, redis] = await startContainers();
  globalThis.__HERALD_CONTAINERS__ = [pg, mq, redis];
  process.env.HERALD_TEST_DATABASE_URL = `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/postgres`;
  process.env.HERALD_TEST_AMQP_URL = `amqp://guest:guest@${mq.getHost()}:${mq.getMappedPort(5672)}`;
  process.env.HERALD_TEST_REDIS_URL = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
  process.stdout.write('\nintegration tests: using testcontainers (postgres:16, rabbitmq:3.13, redis:7)\n');
};
