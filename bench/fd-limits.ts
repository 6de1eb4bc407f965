// A process's open-files limits and descriptors (Linux /proc, prlimit), for the live-stream
// scenario, whose service needs one descriptor per stream.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { say } from './bench-support';

/** The soft and hard open-files limits of a process (Linux /proc). */
export function fileLimits(pid: number | 'self'): { soft: number; hard: number } {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (line ?? '').replace('Max open files', '').trim().split(/\s+/);
  const n = (v: string | undefined) => (v === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(v));
  return { soft: n(soft), hard: n(hard) };
}

/** Raises the process's soft open-files limit to its hard limit; returns the limit it has now. */
export function raiseFileLimit(pid: number): number {
  const { soft, hard } = fileLimits(pid);
  if (soft < hard) {
    try {
      execFileSync('prlimit', ['--pid', String(pid), `--nofile=${hard}:${hard}`], { stdio: 'ignore' });
    } catch {
      say(`4 live stream: could not raise the service's open-files limit with prlimit (soft ${soft}, hard ${hard})`);
    }
  }
  return fileLimits(pid).soft;
}

export const openFds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;
