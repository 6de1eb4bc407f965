// The two baselines of `bench/pipeline`, each run as its own process so the load generator
// never shares its event loop: `bare` is a Fastify route that parses a JSON body and
// answers; `naive` is plain Fastify + pg doing one durable INSERT into an events-like
// table per request, with no framework, validation or auth.
// Usage (started by bench/pipeline): node dist/bench/pipeline-baselines.js bare|naive PORT [DATABASE_URL]
import { randomUUID } from 'node:crypto';
import Fastify, { FastifyInstance } from 'fastify';
import { Pool } from 'pg';

export const NAIVE_TABLE = 'naive_events';

interface EventBody {
  type: string;
  source: string;
  timestamp: string;
  payload: Record<string, unknown>;
}

function bare(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.post('/bare', async (request) => ({ ok: true, type: (request.body as EventBody).type }));
  return app;
}

function naive(databaseUrl: string): FastifyInstance {
  // The gateway's default DATABASE_POOL_SIZE, so both hold the same number of connections.
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const app = Fastify({ logger: false });
  app.post('/naive', async (request, reply) => {
    const body = request.body as EventBody;
    const id = randomUUID();
    await pool.query(
      `INSERT INTO ${NAIVE_TABLE} (id, tenant_id, kind, type, source, schema_version, payload, occurred_at, request_id)
       VALUES ($1, 'tn_bench', 'business', $2, $3, 1, $4, $5, $6)`,
      [id, body.type, body.source, body.payload, body.timestamp, String(request.id)],
    );
    return reply.code(202).send({ event_id: id, queued: true });
  });
  app.addHook('onClose', () => pool.end());
  return app;
}

async function main(): Promise<void> {
  const [mode, port, databaseUrl] = process.argv.slice(2);
  const app = mode === 'naive' ? naive(databaseUrl) : bare();
  await app.listen({ port: Number(port), host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`baseline failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
