// Fault injection that works wherever the services run (local daemons or testcontainers):
// a TCP proxy in front of PostgreSQL or RabbitMQ. An app under test connects through it;
// `cut()` drops every open connection and refuses new ones (what a stopped server or a
// network partition looks like to the app), `restore()` lets connections through again,
// and `delay(ms)` makes the link slow (every chunk, both ways, arrives `ms` later).
import net from 'node:net';

export interface TcpProxy {
  /** The target URL rewritten to go through the proxy (same credentials and path). */
  url: string;
  port: number;
  cut(): void;
  restore(): void;
  delay(ms: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || defaultPort(target.protocol));
  const sockets = new Set<net.Socket>();
  let open = true;
  let latencyMs = 0;
  // Same delay for every chunk of a direction, so timers keep their order.
  const forward = (from: net.Socket, to: net.Socket) =>
    from.on('data', (chunk: Buffer) => {
      if (latencyMs === 0) return void to.write(chunk);
      setTimeout(() => !to.destroyed && to.write(chunk), latencyMs);
    });

  const server = net.createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = net.connect(targetPort, target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxied = new URL(targetUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);

  return {
    url: proxied.toString(),
    port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      open = true;
    },
    delay(ms: number) {
      latencyMs = ms;
    },
    close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function defaultPort(protocol: string): number {
  if (protocol.startsWith('postgres')) return 5432;
  if (protocol.startsWith('amqp')) return 5672;
  if (protocol.startsWith('redis')) return 6379;
  throw new Error(`no default port for ${protocol}`);
}
