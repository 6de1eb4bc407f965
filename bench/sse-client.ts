// A lean live-stream load client for the `sse` scenario of `npm run bench` (bench/sse.ts): one
// child process holding thousands of `GET /api/v1/notifications/sse` streams on raw TCP
// sockets (no HTTP client objects, a few hundred bytes each), from its own loopback source
// address so the ports of one address are never the limit. It finds `"bench_sent_at":<ms>` in
// what arrives and keeps publish → client latencies. Driven by IPC messages from the scenario.
import { connect, Socket } from 'node:net';

export interface ClientStart {
  port: number;
  /** Loopback source address of this client's sockets, e.g. 127.0.0.3. */
  localAddress: string;
  /** One bearer token per stream (one user each). */
  tokens: string[];
  /** Streams being opened at once. */
  concurrency: number;
}

export interface ClientConnected {
  kind: 'connected';
  open: number;
  /** Answers other than 200, by status (or `error` for a socket that failed). */
  refused: Record<string, number>;
  seconds: number;
}

export interface ClientReport {
  kind: 'report';
  open: number;
  /** Streams the server ended while we held them. */
  endedByServer: number;
  received: number;
  latencies: number[];
}

const MARK = '"bench_sent_at":';

interface Stream {
  socket: Socket;
  started: boolean;
  /** An unfinished piece of a frame, kept only until the rest arrives. */
  carry: string;
}

let streams: Stream[] = [];
let endedByServer = 0;
let received = 0;
let latencies: number[] = [];
/** Items sent before this (a warm-up's stragglers) are not counted. */
let since = 0;
let closing = false;

function onData(stream: Stream, chunk: Buffer, onStatus: (status: string) => void): void {
  const arrived = Date.now();
  let text = stream.carry + chunk.toString('latin1');
  if (!stream.started) {
    const headersEnd = text.indexOf('\r\n\r\n');
    if (headersEnd < 0) {
      stream.carry = text;
      return;
    }
    const status = text.slice(9, 12);
    onStatus(status);
    if (status !== '200') return;
    stream.started = true;
    text = text.slice(headersEnd + 4);
  }
  // a frame is written whole, so it usually arrives in one chunk; keep the tail after the last frame end
  const lastEnd = text.lastIndexOf('\n\n');
  stream.carry = lastEnd < 0 ? text : text.slice(lastEnd + 2);
  if (stream.carry.length > 64 * 1024) stream.carry = '';
  let at = text.indexOf(MARK);
  while (at >= 0 && (lastEnd < 0 || at < lastEnd)) {
    const sent = Number.parseInt(text.slice(at + MARK.length, at + MARK.length + 20), 10);
    if (Number.isFinite(sent) && sent >= since) {
      received++;
      latencies.push(arrived - sent);
    }
    at = text.indexOf(MARK, at + MARK.length);
  }
}

function open(start: ClientStart, token: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: start.port, localAddress: start.localAddress });
    const stream: Stream = { socket, started: false, carry: '' };
    let settled = false;
    const settle = (status: string) => {
      if (settled) return;
      settled = true;
      if (status === '200') streams.push(stream);
      else socket.destroy();
      resolve(status);
    };
    socket.setNoDelay(true);
    socket.on('connect', () =>
      socket.write(`GET /api/v1/notifications/sse HTTP/1.1\r\nHost: 127.0.0.1:${start.port}\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${token}\r\n\r\n`),
    );
    socket.on('data', (chunk: Buffer) => onData(stream, chunk, settle));
    socket.on('error', () => settle('error'));
    socket.on('close', () => {
      if (!settled) settle('closed');
      else if (stream.started && !closing) endedByServer++;
    });
  });
}

async function openAll(start: ClientStart): Promise<ClientConnected> {
  const began = Date.now();
  const refused: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < start.tokens.length) {
      const status = await open(start, start.tokens[next++]);
      if (status !== '200') refused[status] = (refused[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: start.concurrency }, worker));
  return { kind: 'connected', open: streams.length - endedByServer, refused, seconds: (Date.now() - began) / 1000 };
}

process.on('message', (message: { kind: 'start'; start: ClientStart } | { kind: 'reset'; since: number } | { kind: 'report' } | { kind: 'close' }) => {
  const send = (m: ClientConnected | ClientReport | { kind: 'reset' }) => process.send?.(m);
  if (message.kind === 'start') void openAll(message.start).then(send);
  else if (message.kind === 'reset') {
    received = 0;
    latencies = [];
    since = message.since;
    send({ kind: 'reset' });
  } else if (message.kind === 'report') send({ kind: 'report', open: streams.length - endedByServer, endedByServer, received, latencies });
  else {
    closing = true;
    for (const s of streams) s.socket.destroy();
    streams = [];
    process.exit(0);
  }
});
