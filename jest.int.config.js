// Every integration suite (`test/*.int-spec.ts`) on real Postgres, RabbitMQ and Redis,
// through testcontainers when a container engine answers (see global setup), otherwise
// through the SPEC §10 URLs. Each suite makes its own database and broker name prefix.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.int.config.js', '<rootDir>/e2e/jest.int.config.js'],
  globalSetup: '<rootDir>/tools/ci/test-services.setup.js',
  globalTeardown: '<rootDir>/tools/ci/test-services.teardown.js',
  // a global option: Jest ignores testTimeout inside a project's config
  testTimeout: 30000,
};
