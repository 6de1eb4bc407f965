// A local stand-in for PostHog's ingestion API (POSTHOG_HOST=http://127.0.0.1:<port>):
// records every event of every `POST /batch/` (gzip or plain JSON) and answers each request
// with the next scripted status, the last repeated.
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface CapturedEvent {
  event: string;
  distinct_id: string;
  uuid: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

export interface FakePosthog {
  host: string;
  /** Every batch request as received, with the API key it carried and the status it got. */
  batches: Array<{ path: string; apiKey: string; status: number; events: CapturedEvent[] }>;
  /** The events of the batches answered 2xx. */
  accepted(): CapturedEvent[];
  close(): Promise<void>;
}

export async function startFakePosthog(statuses: number[] = [200]): Promise<FakePosthog> {
  const batches: FakePosthog['batches'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')) as { api_key: string; batch: CapturedEvent[] };
      const status = statuses[Math.min(batches.length, statuses.length - 1)];
      batches.push({ path: req.url ?? '/', apiKey: body.api_key, status, events: body.batch });
      res.writeHead(status, { 'content-type': 'application/json' }).end(status < 300 ? '{"status":1}' : '{"error":"unavailable"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    batches,
    accepted: () => batches.filter((b) => b.status < 300).flatMap((b) => b.events),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
