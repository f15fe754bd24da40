/**
 * One engine per room across the cluster: the room's lease is a Redis key holding the
 * process id of its holder (`SET key id NX PX ttl`), renewed only by its holder (a
 * compare-and-renew script) and deleted by it on a clean shutdown. Every `tickMs`, a
 * process renews the leases it holds and tries to take those of its loaded rooms it
 * does not: after a holder dies (kill -9), its leases expire within `ttlMs` and one of
 * the processes that have the room loaded takes each within a tick.
 *
 * A holder that cannot renew (the key is another's, Redis answers an error or not at
 * all) stops at once; one that has not renewed for `ttlMs - tickMs` stops too, before
 * the key can expire and another take it, so two never compute at once while the
 * clocks agree.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log';

export interface LeaseOptions {
  readonly redis: Redis;
  /** This process's id (the value of the keys it holds). */
  readonly holder: string;
  readonly log: Logger;
  readonly ttlMs?: number;
  readonly tickMs?: number;
  readonly prefix?: string;
}

interface Lease {
  held: boolean;
  /** When the last renewal (or the acquisition) was answered. */
  renewedAt: number;
  readonly onChange: (held: boolean) => void;
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export const DEFAULT_LEASE_TTL_MS = 3000;
export const DEFAULT_LEASE_TICK_MS = 500;

export class LeaseKeeper {
  private readonly leases = new Map<string, Lease>();
  private readonly timer: NodeJS.Timeout;
  private readonly ttlMs: number;
  private readonly tickMs: number;
  private readonly prefix: string;
  private ticking = false;
  private closed = false;

  constructor(private readonly options: LeaseOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.tickMs = options.tickMs ?? DEFAULT_LEASE_TICK_MS;
    this.prefix = options.prefix ?? 'vnetlab:lease:';
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  /** How many rooms' leases this process holds now. */
  get heldCount(): number {
    let count = 0;
    for (const lease of this.leases.values()) if (lease.held) count++;
    return count;
  }

  /** The rooms (or duties) whose lease this process holds now. */
  held(): string[] {
    return [...this.leases].filter(([, lease]) => lease.held).map(([room]) => room);
  }

  holds(room: string): boolean {
    return this.leases.get(room)?.held === true;
  }

  /** Starts competing for `room`'s lease (tried at once, then every tick); `onChange` on each gain or loss. */
  want(room: string, onChange: (held: boolean) => void): void {
    if (this.closed || this.leases.has(room)) return;
    const lease: Lease = { held: false, renewedAt: 0, onChange };
    this.leases.set(room, lease);
    void this.acquire([room]).catch(() => {});
  }

  /** Stops competing; releases the lease if held (the room was unloaded here). */
  async release(room: string): Promise<void> {
    const lease = this.leases.get(room);
    if (!lease) return;
    this.leases.delete(room);
    if (!lease.held) return;
    lease.held = false;
    lease.onChange(false);
    try {
      await this.options.redis.eval(RELEASE, 1, this.key(room), this.options.holder);
    } catch {
      // Unreachable Redis: the lease expires by itself.
    }
  }

  /** Releases every lease (clean shutdown) and stops. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.all([...this.leases.keys()].map((room) => this.release(room)));
  }

  private key(room: string): string {
    return `${this.prefix}${room}`;
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    try {
      const now = Date.now();
      // Overdue: a renewal may come too late to count. Stop first, compete again below.
      for (const [room, lease] of this.leases) {
        if (lease.held && now - lease.renewedAt > this.ttlMs - this.tickMs) this.lose(room, lease, 'overdue');
      }
      const held = [...this.leases].filter(([, lease]) => lease.held).map(([room]) => room);
      const wanted = [...this.leases].filter(([, lease]) => !lease.held).map(([room]) => room);
      await Promise.all([this.renew(held), this.acquire(wanted)]);
    } finally {
      this.ticking = false;
    }
  }

  private async renew(rooms: readonly string[]): Promise<void> {
    if (rooms.length === 0) return;
    const asked = Date.now();
    const pipeline = this.options.redis.pipeline();
    for (const room of rooms) pipeline.eval(RENEW, 1, this.key(room), this.options.holder, this.ttlMs);
    let answers: [Error | null, unknown][] | null;
    try {
      answers = await pipeline.exec();
    } catch {
      answers = null;
    }
    rooms.forEach((room, index) => {
      const lease = this.leases.get(room);
      if (!lease?.held) return;
      const [error, renewed] = answers?.[index] ?? [new Error('no answer'), 0];
      if (!error && renewed === 1) lease.renewedAt = asked;
      else this.lose(room, lease, error ? String(error) : 'taken');
    });
  }

  private async acquire(rooms: readonly string[]): Promise<void> {
    if (rooms.length === 0) return;
    const asked = Date.now();
    const pipeline = this.options.redis.pipeline();
    for (const room of rooms) pipeline.set(this.key(room), this.options.holder, 'PX', this.ttlMs, 'NX');
    let answers: [Error | null, unknown][] | null;
    try {
      answers = await pipeline.exec();
    } catch {
      return; // Redis unreachable: nobody takes a lease now.
    }
    rooms.forEach((room, index) => {
      const lease = this.leases.get(room);
      const [error, answer] = answers?.[index] ?? [null, null];
      if (!lease || lease.held || error || answer !== 'OK') return;
      lease.held = true;
      lease.renewedAt = asked;
      this.options.log('lease-acquired', { room, holder: this.options.holder });
      lease.onChange(true);
    });
  }

  private lose(room: string, lease: Lease, why: string): void {
    lease.held = false;
    this.options.log('lease-lost', { room, holder: this.options.holder, why });
    lease.onChange(false);
  }
}
