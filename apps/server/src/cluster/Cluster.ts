/**
 * Cluster mode (`VNETLAB_REDIS_URL`): the rooms this process has loaded, joined with
 * the same rooms on every other process through Redis.
 *
 * - Fan-out: every change a process stores of a room's documents (clients' updates,
 *   engine and API writes) and every awareness change is published on the room's
 *   channel; the other processes that have the room loaded apply it with a `remote`
 *   origin (never stored or published again, never a client's write) and relay it to
 *   their connections. A process catches up from the store whenever it may have missed
 *   something: after subscribing to a room, when a change arrives before one it depends
 *   on, and in a resync. Applying what is already there changes nothing (Yjs), so
 *   catching up is always safe.
 * - Resync: after its subscriber reconnects (Redis restarted, the network broke), and
 *   when another process says it failed to publish (`resync` on the classes' channel),
 *   a process may have missed any message: it catches every loaded room up from the
 *   store and has the app read again what it acts on (`onResync`: class state, each
 *   room's generation, who may stay in a room).
 * - One engine per room: LeaseKeeper; the holder computes, the others relay its results.
 * - Duties of the whole cluster held the same way, by one process at a time (the class
 *   timers: a fault on a timer is armed and planted by one process only).
 * - Room events (a new generation unloads the room everywhere) and class changes
 *   (cached state dropped everywhere).
 * - Who is in each loaded room, as this process sees it (Presence: a field per process,
 *   good for as long as a lease), so any process can tell who is connected anywhere;
 *   the awareness states another process relayed go once it is gone (RemoteAwareness).
 */
import { hostname } from 'node:os';
import type { ConnectionSelector } from '../classes/ClassService';
import { authorOf } from '../history/RoomHistory';
import type { Logger } from '../log';
import type { CloseEvent } from '../sync/closeCodes';
import type { DocChannel, FanOut } from '../sync/DocChannel';
import type { Room } from '../sync/Room';
import type { Connection, Origin } from '../sync/types';
import { type BusMessage, decodeBusMessage, encodeBusMessage } from './busMessage';
import { DEFAULT_LEASE_TICK_MS, DEFAULT_LEASE_TTL_MS, LeaseKeeper } from './LeaseKeeper';
import { Presence, type PresenceReporter } from './Presence';
import { RemoteAwareness } from './RemoteAwareness';
import { connectRedis, type RedisClients } from './redisClients';

export interface ClusterOptions {
  readonly redisUrl: string;
  readonly log: Logger;
  /** This process's id in Redis (default: host, pid and a random suffix). */
  readonly processId?: string;
  readonly leaseTtlMs?: number;
  readonly leaseTickMs?: number;
}

export interface ClusterHealth {
  /** This process's id in Redis (the lease holder's name). */
  readonly process: string;
  /** Both Redis connections up; unreachable, the rooms go on from the store without fan-out. */
  readonly redis: 'ok' | 'unreachable';
  /** Rooms whose lease (and so engine) this process holds. */
  readonly leases: number;
  /** The cluster's duties this process holds (`class-timers`). */
  readonly duties: string[];
}

type RemoteOrigin = Extract<Origin, { kind: 'remote' }>;

const ROOM_CHANNEL = 'vnetlab:room:';
const CLASS_CHANNEL = 'vnetlab:classes';
const STORE_ORIGIN: RemoteOrigin = { kind: 'remote', from: 'store', cause: 'catch-up' };

export class Cluster {
  readonly processId: string;
  private readonly redis: RedisClients;
  private readonly leases: LeaseKeeper;
  /** The cluster-wide duties' leases (keys of their own, not counted as rooms). */
  private readonly duties: LeaseKeeper;
  private readonly rooms = new Map<string, Room>();
  private readonly presence: Presence;
  private readonly presenceTtlMs: number;
  /** Per document of a loaded room, whose awareness states came from which other process. */
  private readonly remoteAwareness = new Map<DocChannel, RemoteAwareness>();
  private readonly awarenessSweep: NodeJS.Timeout;
  private sweeping = false;
  private readonly log: Logger;
  /** Something was not published (Redis unreachable): tell everyone to catch up once it is back. */
  private publishFailed = false;
  private subscriberReadyBefore = false;
  private commandsReadyBefore = false;
  private unloadHandler: ((room: string, event: CloseEvent) => void) | undefined;
  private classHandler: ((classId: string | undefined) => void) | undefined;
  private closeHandler: ((room: string, which: ConnectionSelector, event: CloseEvent) => void) | undefined;
  private resyncHandler: (() => Promise<void>) | undefined;
  private closed = false;
  /** Messages published and received so far (for the operator's health). */
  published = 0;
  received = 0;

  constructor(options: ClusterOptions) {
    this.log = options.log;
    this.processId =
      options.processId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.redis = connectRedis(options.redisUrl, options.log);
    this.leases = new LeaseKeeper({
      redis: this.redis.commands,
      holder: this.processId,
      log: options.log,
      ttlMs: options.leaseTtlMs,
      tickMs: options.leaseTickMs,
    });
    this.duties = new LeaseKeeper({
      redis: this.redis.commands,
      holder: this.processId,
      log: options.log,
      ttlMs: options.leaseTtlMs,
      tickMs: options.leaseTickMs,
      prefix: 'vnetlab:duty:',
    });
    // A dead process's people are gone when its leases are: one TTL, looked at as often.
    this.presenceTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    const tickMs = options.leaseTickMs ?? DEFAULT_LEASE_TICK_MS;
    this.presence = new Presence({
      redis: this.redis.commands,
      processId: this.processId,
      log: options.log,
      ttlMs: this.presenceTtlMs,
      tickMs: Math.min(250, tickMs),
    });
    this.awarenessSweep = setInterval(() => void this.sweepRemoteAwareness(), tickMs);
    this.awarenessSweep.unref();
    this.redis.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
    this.redis.subscriber.on('ready', () => void this.onSubscriberReady());
    this.redis.commands.on('ready', () => this.onCommandsReady());
  }

  /** Whether both Redis connections are up, and how many leases this process holds. */
  health(): ClusterHealth {
    return {
      process: this.processId,
      redis: this.redis.connected() ? 'ok' : 'unreachable',
      leases: this.leases.heldCount,
      duties: this.duties.held(),
    };
  }

  /** Both Redis connections up: what this process announces now is heard by the others. */
  redisReachable(): boolean {
    return this.redis.connected();
  }

  /**
   * Competes for one of the cluster's duties (its lease, as a room's): `onChange` on
   * each gain or loss; after the holder dies, another process takes it within the TTL.
   */
  holdDuty(duty: string, onChange: (held: boolean) => void): void {
    if (!this.closed) this.duties.want(duty, onChange);
  }

  /** What this process says of each of its loaded rooms (who is there), for the other processes. */
  reportPresence(reporter: PresenceReporter): void {
    this.presence.report(reporter);
  }

  /** What the other live processes say of each of `rooms` (loaded here or not); nothing while Redis is unreachable. */
  async presenceOf(rooms: readonly string[]): Promise<Map<string, unknown[]>> {
    const found = new Map<string, unknown[]>();
    for (const [room, processes] of await this.presence.read(rooms))
      found.set(
        room,
        [...processes.values()].filter((value) => value !== null),
      );
    return found;
  }

  holdsLease(room: string): boolean {
    return this.leases.holds(room);
  }

  /** What to do when another process unloads a room everywhere (the registry's `unload`). */
  onUnload(handler: (room: string, event: CloseEvent) => void): void {
    this.unloadHandler = handler;
  }

  /** What to do when a class changed elsewhere (undefined: any class may have). */
  onClassChanged(handler: (classId: string | undefined) => void): void {
    this.classHandler = handler;
  }

  /** What to do when another process closes some of a room's sockets (a class's member moved …). */
  onClose(handler: (room: string, which: ConnectionSelector, event: CloseEvent) => void): void {
    this.closeHandler = handler;
  }

  /** What to read again after messages may have been missed (see Resync above). */
  onResync(handler: () => Promise<void>): void {
    this.resyncHandler = handler;
  }

  /** Asks the other processes that have `room` loaded to close the sockets `which` picks. */
  announceClose(room: string, which: ConnectionSelector, event: CloseEvent): void {
    this.publish(`${ROOM_CHANNEL}${room}`, {
      kind: 'close',
      from: this.processId,
      principal: which.principal ?? '',
      access: which.access ?? '',
      code: event.code,
      reason: event.reason,
    });
  }

  /** A loaded room joins the cluster: fan-out both ways, and the contest for its engine. */
  attach(room: Room): void {
    if (this.closed) return;
    this.rooms.set(room.id, room);
    // Until the lease says otherwise, another process may be computing.
    room.setEngineOwner(false);
    room.lab.fanOut = this.fanOutOf(room.id, room.lab);
    room.results.fanOut = this.fanOutOf(room.id, room.results);
    room.onDestroy(() => this.detach(room));
    void this.subscribe(room);
    this.presence.track(room.id);
    this.leases.want(room.id, (held) => room.setEngineOwner(held));
  }

  /** Asks every other process to unload `room` and forget its cached state (this one did already). */
  announceUnload(room: string, event: CloseEvent): void {
    this.publish(CLASS_CHANNEL, {
      kind: 'unload',
      from: this.processId,
      room,
      code: event.code,
      reason: event.reason,
    });
  }

  /** Tells every other process that `classId`'s state changed. */
  announceClass(classId: string): void {
    this.publish(CLASS_CHANNEL, { kind: 'class', from: this.processId, classId });
  }

  /** Releases this process's leases and closes the connections (after the rooms are unloaded). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.awarenessSweep);
    await Promise.all([this.leases.close(), this.duties.close(), this.presence.close()]);
    await this.redis.close();
  }

  private detach(room: Room): void {
    if (this.rooms.get(room.id) !== room) return;
    this.rooms.delete(room.id);
    room.lab.fanOut = undefined;
    room.results.fanOut = undefined;
    this.remoteAwareness.delete(room.lab);
    this.remoteAwareness.delete(room.results);
    void this.leases.release(room.id);
    this.presence.untrack(room.id);
    this.redis.subscriber.unsubscribe(`${ROOM_CHANNEL}${room.id}`).catch(() => {});
  }

  private async subscribe(room: Room): Promise<void> {
    try {
      await this.redis.subscriber.subscribe(`${ROOM_CHANNEL}${room.id}`);
    } catch (error) {
      // Subscribed again (and caught up) when the subscriber is ready.
      this.log('redis-subscribe-failed', { room: room.id, error: String(error) });
      return;
    }
    // What was published between loading the room and now came before the subscription.
    if (this.rooms.get(room.id) === room) await this.catchUp(room);
  }

  private async onSubscriberReady(): Promise<void> {
    const first = !this.subscriberReadyBefore;
    this.subscriberReadyBefore = true;
    const channels = [CLASS_CHANNEL, ...[...this.rooms.keys()].map((room) => `${ROOM_CHANNEL}${room}`)];
    try {
      await this.redis.subscriber.subscribe(...channels);
    } catch (error) {
      this.log('redis-subscribe-failed', { error: String(error) });
      return;
    }
    // Reconnected (or first connected with rooms loaded from the store meanwhile):
    // anything may have been missed, rooms and classes alike.
    if (!first || this.rooms.size > 0)
      await this.resync(first ? 'subscriber connected late' : 'subscriber reconnected');
  }

  private async resync(why: string): Promise<void> {
    this.log('cluster-resync', { rooms: this.rooms.size, why });
    await Promise.all([
      this.resyncHandler?.().catch((error: unknown) =>
        this.log('cluster-resync-failed', { error: String(error) }),
      ),
      ...[...this.rooms.values()].map((room) => this.catchUp(room)),
    ]);
  }

  private onCommandsReady(): void {
    const first = !this.commandsReadyBefore;
    this.commandsReadyBefore = true;
    if (first || !this.publishFailed) return;
    this.publishFailed = false;
    // What was not published may concern any room or class: every process reads again.
    this.publish(CLASS_CHANNEL, { kind: 'resync', from: this.processId });
  }

  private fanOutOf(roomId: string, channel: DocChannel): FanOut {
    const topic = `${ROOM_CHANNEL}${roomId}`;
    return {
      update: (update, origin) =>
        this.publish(topic, {
          kind: 'update',
          from: this.processId,
          doc: channel.name,
          cause: (origin as { kind?: string } | null)?.kind ?? '',
          author: this.authorOf(origin) ?? '',
          update,
        }),
      awareness: (update, origin) =>
        this.publish(topic, {
          kind: 'awareness',
          from: this.processId,
          doc: channel.name,
          conn: (origin as Connection | null)?.id ?? '',
          update,
        }),
    };
  }

  /** RoomHistory's author key, with this process's connections told apart from another's. */
  private authorOf(origin: unknown): string | undefined {
    const tagged = origin as Origin | null;
    if (tagged?.kind === 'client') return `conn:${this.processId}/${tagged.connId}`;
    return authorOf(origin);
  }

  private publish(channel: string, message: BusMessage): void {
    if (this.closed) return;
    this.published++;
    this.redis.commands.publish(channel, Buffer.from(encodeBusMessage(message))).catch((error: unknown) => {
      if (!this.publishFailed) this.log('redis-publish-failed', { channel, error: String(error) });
      this.publishFailed = true;
    });
  }

  private receive(channel: string, bytes: Buffer): void {
    const message = decodeBusMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!message) {
      this.log('cluster-message-invalid', { channel, bytes: bytes.byteLength });
      return;
    }
    if (message.from === this.processId) return;
    this.received++;
    if (channel === CLASS_CHANNEL) {
      if (message.kind === 'class') this.classHandler?.(message.classId);
      if (message.kind === 'resync') void this.resync(`${message.from} failed to publish`);
      if (message.kind === 'unload') {
        this.unloadHandler?.(message.room, { code: message.code, reason: message.reason });
      }
      return;
    }
    if (!channel.startsWith(ROOM_CHANNEL)) return;
    const roomId = channel.slice(ROOM_CHANNEL.length);
    const room = this.rooms.get(roomId);
    if (!room) return;
    try {
      this.apply(room, message);
    } catch (error) {
      this.log('cluster-apply-failed', { room: roomId, kind: message.kind, error: String(error) });
      void this.catchUp(room);
    }
  }

  private apply(room: Room, message: BusMessage): void {
    switch (message.kind) {
      case 'update': {
        const channel = this.channelOf(room, message.doc);
        if (!channel) return;
        const origin: RemoteOrigin = {
          kind: 'remote',
          from: message.from,
          cause: message.cause,
          author: message.author || undefined,
        };
        // Held back for a change not seen yet (missed or still on its way): the store has both.
        if (!channel.applyRemote(message.update, origin)) void this.catchUpChannel(room, channel);
        return;
      }
      case 'awareness': {
        const channel = this.channelOf(room, message.doc);
        if (!channel) return;
        channel.applyRemoteAwareness(message.update, {
          kind: 'remote',
          from: message.from,
          cause: 'awareness',
          id: message.conn ? `${message.from}/${message.conn}` : undefined,
        });
        let sources = this.remoteAwareness.get(channel);
        if (!sources) {
          sources = new RemoteAwareness();
          this.remoteAwareness.set(channel, sources);
        }
        sources.heard(message.from, message.update, Date.now());
        return;
      }
      case 'resync':
        void this.catchUp(room);
        return;
      case 'close':
        this.closeHandler?.(
          room.id,
          {
            principal: message.principal || undefined,
            access: (message.access || undefined) as ConnectionSelector['access'],
          },
          { code: message.code, reason: message.reason },
        );
        return;
      case 'unload':
      case 'class':
        return; // on the classes' channel
    }
  }

  /**
   * Removes the awareness states of another process's clients once that process is gone
   * from the room's presence (kill -9: it never removed them), so the people list here
   * drops them within about a presence TTL and a half.
   */
  private async sweepRemoteAwareness(): Promise<void> {
    if (this.sweeping || this.closed) return;
    const judged = [...this.rooms.values()].flatMap((room) =>
      [room.lab, room.results].flatMap((channel) => {
        const sources = this.remoteAwareness.get(channel);
        return sources && !sources.empty ? [{ room, channel, sources }] : [];
      }),
    );
    if (judged.length === 0) return;
    this.sweeping = true;
    try {
      const presence = await this.presence.read([...new Set(judged.map(({ room }) => room.id))]);
      const now = Date.now();
      for (const { room, channel, sources } of judged) {
        const alive = presence.get(room.id);
        if (!alive || this.rooms.get(room.id) !== room) continue; // Redis did not answer: judge nothing
        const ids = sources.gone(new Set(alive.keys()), now, this.presenceTtlMs, this.presenceTtlMs / 2);
        if (ids.length > 0) {
          this.log('remote-awareness-gone', { room: room.id, doc: channel.name, clients: ids.length });
          channel.forgetRemoteAwareness(ids, { kind: 'remote', from: 'presence', cause: 'process gone' });
        }
      }
    } finally {
      this.sweeping = false;
    }
  }

  /** The room's document of that store name; none if this process serves another generation. */
  private channelOf(room: Room, doc: string): DocChannel | undefined {
    if (room.lab.name === doc) return room.lab;
    if (room.results.name === doc) return room.results;
    return undefined;
  }

  private async catchUp(room: Room): Promise<void> {
    await Promise.all([this.catchUpChannel(room, room.lab), this.catchUpChannel(room, room.results)]);
  }

  private async catchUpChannel(room: Room, channel: DocChannel): Promise<void> {
    if (this.rooms.get(room.id) !== room) return;
    try {
      await channel.catchUp(STORE_ORIGIN);
    } catch (error) {
      this.log('cluster-catch-up-failed', { doc: channel.name, error: String(error) });
    }
  }
}
