// The rules of the live streams held by one replica: pushes go only to the named users of the
// named tenant, a replay's held pushes are sent once and only when the replay did not cover
// them, the per-user limit, heartbeats only on started streams and spread over their interval,
// a slow reader is cut off, and a broker message seen twice is pushed once.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { parseTenantId, parseUserId } from '@herald/contracts';
import { HeraldConfig } from '@herald/platform/config';
import type { FeedItem } from '../feed-item';
import { MAX_UNREAD_BYTES } from './live-stream';
import { LiveStreams } from './live-streams';

class FakeResponse extends EventEmitter {
  status?: number;
  chunks: string[] = [];
  writableEnded = false;
  writableLength = 0;
  writeHead(status: number) {
    this.status = status;
  }
  write(chunk: string) {
    this.chunks.push(chunk);
    return true;
  }
  end() {
    this.writableEnded = true;
  }
  /** The ids of the events written, in order. */
  get ids(): string[] {
    return this.chunks.filter((c) => c.startsWith('id: ')).map((c) => c.slice(4, c.indexOf('\n')));
  }
}

const tenant = parseTenantId('tn_a');
const other = parseTenantId('tn_b');
const ana = parseUserId('u_ana');
const ben = parseUserId('u_ben');

function item(id: string): FeedItem {
  return { id, type: 't', severity: 'low', scope: 'ops', title: id, summary: '', content: {}, customer_id: null, created_at: '2026-11-25T00:00:00.000Z', read: false, read_at: null, actions: [] };
}

function setup(sseMaxPerUser = 2, sseHeartbeatMs = 60_000) {
  const streams = new LiveStreams({ sseMaxPerUser, sseHeartbeatMs } as HeraldConfig);
  const open = (t = tenant, u = ana) => {
    const response = new FakeResponse();
    const stream = streams.add(t, u, response as unknown as ServerResponse);
    return { response, stream };
  };
  return { streams, open };
}

describe('LiveStreams', () => {
  let current: LiveStreams | undefined;
  afterEach(() => current?.onModuleDestroy());

  it('pushes to the named users of the named tenant only, or to the whole tenant when no user is named', () => {
    const { streams, open } = setup();
    current = streams;
    const [mine, bens, foreign] = [open(tenant, ana), open(tenant, ben), open(other, ana)];
    for (const s of [mine, bens, foreign]) {
      s.stream.start({});
      s.stream.goLive(new Set());
    }
    streams.push(tenant, [ana], item('n1'), 'n1/0');
    streams.push(tenant, undefined, item('n2'), 'n2/0');
    expect([mine.response.ids, bens.response.ids, foreign.response.ids]).toEqual([['n1', 'n2'], ['n2'], []]);
  });

  it('holds pushes while a stream replays, then sends those the replay did not cover, in arrival order', () => {
    const { streams, open } = setup();
    current = streams;
    const { response, stream } = open();
    streams.push(tenant, [ana], item('early'), 'early/0');
    stream.start({});
    streams.push(tenant, [ana], item('n2'), 'n2/0');
    stream.replay('id: n1\ndata: {}\n\n');
    stream.replay('id: n2\ndata: {}\n\n');
    streams.push(tenant, [ana], item('n3'), 'n3/0');
    expect(response.ids).toEqual(['n1', 'n2']);
    stream.goLive(new Set(['n1', 'n2', 'early']));
    streams.push(tenant, [ana], item('n4'), 'n4/0');
    expect(response.ids).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('refuses a stream beyond the per-user limit with 429 and frees the slot when one ends', () => {
    const { streams, open } = setup(2);
    current = streams;
    const first = open();
    open();
    expect(() => open()).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', status: 429 }));
    expect(() => open(tenant, ben)).not.toThrow();
    first.response.emit('close');
    expect(() => open()).not.toThrow();
    expect(streams.size).toBe(3);
  });

  it('pushes a broker message once even when it arrives twice, and a stream that is not started gets nothing', () => {
    const { streams, open } = setup();
    current = streams;
    const live = open();
    live.stream.start({});
    live.stream.goLive(new Set());
    streams.push(tenant, [ana], item('n1'), 'n1/0');
    streams.push(tenant, [ana], item('n1'), 'n1/0');
    expect(live.response.ids).toEqual(['n1']);
    const idle = open(tenant, ben);
    idle.stream.heartbeat();
    expect(idle.response.chunks).toEqual([]);
  });

  it('ends a stream whose client leaves too much unread, and every stream at shutdown without answering those not started', () => {
    const { streams, open } = setup();
    current = undefined;
    const slow = open();
    slow.stream.start({});
    slow.stream.goLive(new Set());
    slow.response.writableLength = MAX_UNREAD_BYTES + 1;
    slow.stream.heartbeat();
    expect(slow.response.writableEnded).toBe(true);
    expect(streams.size).toBe(0);
    const started = open();
    started.stream.start({});
    const pending = open(tenant, ben);
    streams.onModuleDestroy();
    expect([started.response.writableEnded, pending.response.writableEnded, pending.stream.isEnded, streams.size]).toEqual([true, false, true, 0]);
  });

  it('beats every stream once per SSE_HEARTBEAT_MS, a slice of them at a time, and forgets a stream that ended', () => {
    jest.useFakeTimers();
    try {
      const { streams, open } = setup(1, 1000);
      current = streams;
      const all = Array.from({ length: 40 }, (_, i) => open(tenant, parseUserId(`u_${i}`)));
      for (const { stream } of all) stream.start({});
      const beats = () => all.map(({ response }) => response.chunks.filter((c) => c.startsWith(': heartbeat')).length);
      jest.advanceTimersByTime(50);
      // 1000 ms in 20 slices of 50 ms: 2 of the 40 streams per tick, never all at once
      expect(beats().reduce((a, b) => a + b, 0)).toBe(2);
      all[39].stream.end();
      jest.advanceTimersByTime(950);
      expect(beats()).toEqual([...Array(39).fill(1), 0]);
      jest.advanceTimersByTime(1000);
      expect(beats()).toEqual([...Array(39).fill(2), 0]);
    } finally {
      jest.useRealTimers();
    }
  });
});
