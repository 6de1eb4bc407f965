// What the benchmarks start and watch: the two baselines (bench/pipeline-baselines) and the
// built apps as their own processes, a JWT for the bench's principal, and a process's CPU
// time and memory from /proc.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DevTokenClaims, signDevToken } from '@herald/platform/auth';
import { loadConfig } from '@herald/platform/config';
import { TestInfrastructure } from '@herald/platform/testing';
import { spawnBuiltApp, stopApp, waitReady } from '../tools/dev/app-process';

export const benchConfig = (infra: TestInfrastructure) => loadConfig({ appName: 'bench', port: 0 }, infra.env);

/** A JWT of the bench's principal (tn_bench unless the claims say otherwise). */
export function benchToken(infra: TestInfrastructure, claims: Partial<DevTokenClaims>): string {
  return signDevToken(benchConfig(infra), { sub: 'bench', tenant_id: 'tn_bench', ...claims });
}

/** A baseline of bench/pipeline-baselines: `bare` (Fastify echo) or `naive` (Fastify + one pg INSERT). */
export async function startBaseline(mode: 'bare' | 'naive', infra: TestInfrastructure, port: number, nodeArgs: string[] = []): Promise<ChildProcess> {
  const script = path.join(__dirname, 'pipeline-baselines.js');
  const child = spawn(process.execPath, [...nodeArgs, script, mode, String(port), infra.databaseUrl], { stdio: 'inherit' });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`baseline exited with code ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('baseline did not listen');
}

const BENCH_CREDENTIALS_KEY = randomBytes(32).toString('base64');

/** A built app on the suite's infrastructure, in production mode, logging warnings only. */
export async function startBenchApp(
  name: string,
  infra: TestInfrastructure,
  port: number,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const child = spawnBuiltApp(name, port, {
    // production mode needs the keys that seal integration credentials (management, ingress, worker)
    env: { ...process.env, ...infra.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', JWT_SECRET: benchConfig(infra).jwt.secret, INTEGRATION_CREDENTIALS_KEY: BENCH_CREDENTIALS_KEY, ...env },
    nodeArgs,
  });
  try {
    // a loaded box (helpers, a previous scenario's Postgres write-back) can take a while to boot an app
    await waitReady(port, child, 90_000);
  } catch (err) {
    await stopApp(child);
    throw new Error(`${name} on :${port}: ${(err as Error).message}`);
  }
  return child;
}

/** The gateway; the bench's one principal sends far more than a producer's hourly quota. */
export function startGateway(infra: TestInfrastructure, port: number, nodeArgs: string[] = []): Promise<ChildProcess> {
  return startBenchApp('ingestion-gateway', infra, port, { RATE_LIMIT_PER_PRINCIPAL_PER_HOUR: '100000000' }, nodeArgs);
}

function statFields(pid: number | undefined): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds a process has used so far (Linux /proc; NaN elsewhere). */
export function cpuSeconds(pid: number | undefined): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux)
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : NaN;
}

/** Resident memory of a process in MiB (Linux /proc; NaN elsewhere). */
export function rssMb(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * Queues under `prefix` that the apps (separate processes, so the suite's teardown does not
 * know them) declared, found with `rabbitmqctl` when the broker runs on this machine; empty
 * (and a warning) otherwise, in which case they outlive the run.
 */
export function queuesUnder(prefix: string): string[] {
  try {
    const out = execFileSync('rabbitmqctl', ['-q', 'list_queues', 'name'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').map((line) => line.trim()).filter((name) => name.startsWith(prefix));
  } catch {
    process.stderr.write(`bench: rabbitmqctl is not available; queues under ${prefix} are left on the broker\n`);
    return [];
  }
}
