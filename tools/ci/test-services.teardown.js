// Stops the containers the integration global setup started, if any.
module.exports = async function teardown() {
  for (const container of globalThis.__HERALD_CONTAINERS__ ?? []) await container.stop();
};
