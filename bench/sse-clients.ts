// The live-stream scenario's side of its client processes (bench/sse-client): starts them,
// spreads the streams over them (each from its own loopback address), and gathers what they
// received and when.
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { ClientConnected, ClientReport, ClientStart } from './sse-client';

export class Clients {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(count: number): Clients {
    return new Clients(Array.from({ length: count }, () => fork(path.join(__dirname, 'sse-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })));
  }

  private ask<T>(child: ChildProcess, message: unknown, kind: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: { kind: string }) => {
        if (m.kind !== kind) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`an SSE client process exited (code ${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message as object);
    });
  }

  async connect(port: number, tokens: string[]): Promise<ClientConnected[]> {
    const per = Math.ceil(tokens.length / this.children.length);
    return Promise.all(
      this.children.map((child, i) => {
        const start: ClientStart = { port, localAddress: `127.0.0.${10 + i}`, tokens: tokens.slice(i * per, (i + 1) * per), concurrency: 32 };
        return this.ask<ClientConnected>(child, { kind: 'start', start }, 'connected');
      }),
    );
  }

  /** Forgets what arrived so far; items sent before `since` (ms) are not counted from now on. */
  async reset(since: number): Promise<void> {
    await Promise.all(this.children.map((c) => this.ask(c, { kind: 'reset', since }, 'reset')));
  }

  async report(): Promise<{ open: number; endedByServer: number; received: number; latencies: number[] }> {
    const reports = await Promise.all(this.children.map((c) => this.ask<ClientReport>(c, { kind: 'report' }, 'report')));
    return {
      open: reports.reduce((n, r) => n + r.open, 0),
      endedByServer: reports.reduce((n, r) => n + r.endedByServer, 0),
      received: reports.reduce((n, r) => n + r.received, 0),
      latencies: reports.flatMap((r) => r.latencies),
    };
  }

  close(): void {
    for (const child of this.children) if (child.exitCode === null) child.send({ kind: 'close' });
  }
}
