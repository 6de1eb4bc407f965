// The live streams this replica holds, by tenant and user (a user id of another tenant is
// another key, so it never receives a push), with the per-user limit (SSE_MAX_PER_USER, per
// replica), one heartbeat timer for all of them, and their end at shutdown so clients
// reconnect to another replica. A push is serialized once, whatever the number of streams.
// Heartbeats are spread over their interval (one slice of the streams per tick), so 20 000
// streams never get theirs in one burst that holds the event loop for seconds.
import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { RateLimitedError, TenantId, UserId } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { Metrics } from '@herald/platform/observability';
import type { FeedItem } from '../feed-item';
import { eventFrame, LiveStream } from './live-stream';

/** What a client refused for holding too many streams is told to wait before trying again. */
export const STREAM_LIMIT_RETRY_AFTER_SECONDS = 5;
/** Live messages remembered so a message the relay published twice is pushed once. */
const RECENT_MESSAGES = 10_000;
/** Slices the heartbeats are spread over: with the 15 s default, one slice every 150 ms. */
const HEARTBEAT_SLICES = 100;
/** The heartbeat timer never ticks more often than this; a short SSE_HEARTBEAT_MS gets fewer slices. */
const MIN_HEARTBEAT_TICK_MS = 50;

@Injectable()
export class LiveStreams implements OnModuleDestroy {
  private readonly byTenant = new Map<TenantId, Map<UserId, Set<LiveStream>>>();
  private readonly recent = new RecentKeys(RECENT_MESSAGES);
  private readonly heartbeat: NodeJS.Timeout;
  /** Every stream is in one slice; a tick beats one slice, so each stream beats once per SSE_HEARTBEAT_MS. */
  private readonly slices: Set<LiveStream>[];
  private nextSlice = 0;
  private tick = 0;
  private open = 0;

  constructor(
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Optional() private readonly metrics?: Metrics,
  ) {
    const slices = Math.max(1, Math.min(HEARTBEAT_SLICES, Math.floor(config.sseHeartbeatMs / MIN_HEARTBEAT_TICK_MS)));
    this.slices = Array.from({ length: slices }, () => new Set<LiveStream>());
    this.heartbeat = setInterval(() => this.beat(), config.sseHeartbeatMs / slices);
    this.heartbeat.unref();
  }

  /** Streams open on this replica. */
  get size(): number {
    return this.open;
  }

  /**
   * Registers a stream for the user, holding live pushes until it starts; 429 when the user
   * already holds SSE_MAX_PER_USER here. Synchronous, so two requests cannot both take the last slot.
   */
  add(tenantId: TenantId, userId: UserId, response: ServerResponse): LiveStream {
    let users = this.byTenant.get(tenantId);
    const streams = users?.get(userId);
    if (streams && streams.size >= this.config.sseMaxPerUser) throw new RateLimitedError(STREAM_LIMIT_RETRY_AFTER_SECONDS);
    const stream = new LiveStream(tenantId, userId, response, (ended) => this.remove(ended));
    if (!users) this.byTenant.set(tenantId, (users = new Map()));
    if (streams) streams.add(stream);
    else users.set(userId, new Set([stream]));
    stream.heartbeatSlice = this.nextSlice;
    this.slices[stream.heartbeatSlice].add(stream);
    this.nextSlice = (this.nextSlice + 1) % this.slices.length;
    this.open++;
    this.metrics?.sseStreams.set(this.open);
    return stream;
  }

  /**
   * Writes the item to the streams of `userIds` in the tenant (all of the tenant's when
   * undefined). `messageKey` names the broker message: one seen recently is skipped.
   */
  push(tenantId: TenantId, userIds: readonly UserId[] | undefined, item: FeedItem, messageKey: string): void {
    if (this.recent.seen(messageKey)) return;
    const users = this.byTenant.get(tenantId);
    if (!users) return;
    let frame: string | undefined;
    const targets = userIds === undefined ? users.values() : userIds.map((id) => users.get(id));
    for (const streams of targets) {
      if (!streams) continue;
      frame ??= eventFrame(item);
      for (const stream of streams) stream.push(item.id, frame);
    }
  }

  /** Ends every stream (shutdown), before the HTTP server waits for open requests. */
  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    for (const users of [...this.byTenant.values()]) for (const streams of [...users.values()]) for (const stream of [...streams]) stream.end();
  }

  private beat(): void {
    for (const stream of this.slices[this.tick]) stream.heartbeat();
    this.tick = (this.tick + 1) % this.slices.length;
  }

  private remove(stream: LiveStream): void {
    const users = this.byTenant.get(stream.tenantId);
    const streams = users?.get(stream.userId);
    if (!users || !streams?.delete(stream)) return;
    this.slices[stream.heartbeatSlice].delete(stream);
    this.open--;
    this.metrics?.sseStreams.set(this.open);
    if (streams.size === 0) users.delete(stream.userId);
    if (users.size === 0) this.byTenant.delete(stream.tenantId);
  }
}

/** A bounded memory of recent keys: the oldest is forgotten first. */
class RecentKeys {
  private readonly keys = new Set<string>();
  private readonly order: string[];
  private next = 0;

  constructor(private readonly capacity: number) {
    this.order = new Array<string>(capacity);
  }

  /** True when `key` was seen within the last `capacity` keys; remembers it otherwise. */
  seen(key: string): boolean {
    if (this.keys.has(key)) return true;
    const evicted = this.order[this.next];
    if (evicted !== undefined) this.keys.delete(evicted);
    this.order[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
    this.keys.add(key);
    return false;
  }
}
