// Container HEALTHCHECK for every Herald app image (docker/Dockerfile): GET /api/v1/health/live
// on $PORT and exit 0 on a 2xx, 1 otherwise. Plain node because the slim image has no curl.
// Liveness only (is the process serving?): dependency health is /api/v1/health/ready, which
// Kubernetes uses for readiness; a broker outage must not get containers restarted.
'use strict';
const http = require('http');

// SPEC §1 default ports, used when PORT is not set in the container environment.
const DEFAULT_PORTS = {
  'ingestion-gateway': 3001,
  'webhook-ingress': 3002,
  'notification-service': 3003,
  'management-api': 3004,
  'delivery-worker': 3005,
};

const port = Number(process.env.PORT || DEFAULT_PORTS[process.env.APP]);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write(`healthcheck: no PORT and unknown APP "${process.env.APP}"\n`);
  process.exit(1);
}

const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/health/live', timeout: 3000 }, (res) => {
  res.resume();
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  if (!ok) process.stderr.write(`healthcheck: HTTP ${res.statusCode}\n`);
  process.exit(ok ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timed out')));
req.on('error', (err) => {
  process.stderr.write(`healthcheck: ${err.message}\n`);
  process.exit(1);
});
