// Runs a built app (dist/) as a child process and waits for its readiness probe; shared by
// `npm start` and the gateway benchmark.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

export interface AppProcessOptions {
  env: NodeJS.ProcessEnv;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Each output line goes here; without it the child writes to this process's stdio. */
  onLine?: (line: string) => void;
}

export function spawnBuiltApp(name: string, port: number, options: AppProcessOptions): ChildProcess {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '-r', path.join(ROOT, 'tools/runtime/register-paths.js'), path.join(ROOT, `dist/apps/${name}/src/main.js`)],
    { cwd: ROOT, env: { ...options.env, PORT: String(port) }, stdio: ['ignore', options.onLine ? 'pipe' : 'inherit', options.onLine ? 'pipe' : 'inherit'] },
  );
  const onLine = options.onLine;
  if (onLine) {
    const split = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(onLine);
    child.stdout?.on('data', split);
    child.stderr?.on('data', split);
  }
  return child;
}

/** Polls /api/v1/health/ready until 200; fails early if the child exits. */
export async function waitReady(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s`);
}

/** Sends SIGTERM and resolves when the child has exited. */
export function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
