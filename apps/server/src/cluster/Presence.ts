/**
 * Who is in each room across the cluster: a Redis hash per room (`vnetlab:presence:ROOM`)
 * with one field per process that has the room loaded, holding what that process says
 * of the room (a JSON value the caller makes: who has a socket open there, what they
 * have open; null for nothing). Each process writes its field when it changes (looked at
 * every `tickMs`) and again every `refreshMs`, each write good for `ttlMs`; a process
 * that stops writing (kill -9, partitioned) is read as gone once that time has passed,
 * and with it everything it said (its people, its clients' awareness).
 *
 * The deadline is set and judged by Redis's own clock (`TIME` inside the scripts), so
 * processes whose clocks disagree still agree on who is there. A field past its
 * deadline is deleted by the reader that finds it; the whole hash expires with its last
 * writer. Redis unreachable: writes are tried again on the next tick, reads answer
 * nothing (each process then knows its own sockets only).
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log';

export interface PresenceOptions {
  readonly redis: Redis;
  /** This process's id (its field in each room's hash). */
  readonly processId: string;
  readonly log: Logger;
  /** How long a write stays good (default 3 s). */
  readonly ttlMs?: number;
  /** How often the rooms are looked at for a change (default 250 ms). */
  readonly tickMs?: number;
  /** How often an unchanged field is written again (default 1 s; below `ttlMs`). */
  readonly refreshMs?: number;
  /** A read waits this long at most (a hung Redis must not hang a dashboard). */
  readonly readTimeoutMs?: number;
}

/** What this process says of a room (undefined: nothing, written as null; the field still says it is there). */
export type PresenceReporter = (room: string) => unknown;

const KEY = 'vnetlab:presence:';

// `TIME` is seconds and microseconds; a field is `DEADLINE_MS VALUE`.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] the hash; ARGV: process id, ttl (ms), value. The hash lives as long as its longest field. */
const WRITE = `${NOW}
local ttl = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], string.format('%d', now + ttl) .. ' ' .. ARGV[3])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1`;

/** KEYS[1] the hash; ARGV[1] the reader's own id (left out). Deletes what is past its deadline. */
const READ = `${NOW}
local all = redis.call('HGETALL', KEYS[1])
local live = {}
for i = 1, #all, 2 do
  local value = all[i + 1]
  local space = string.find(value, ' ', 1, true)
  local deadline = space and tonumber(string.sub(value, 1, space - 1))
  if not deadline or deadline <= now then
    redis.call('HDEL', KEYS[1], all[i])
  elseif all[i] ~= ARGV[1] then
    live[#live + 1] = all[i]
    live[#live + 1] = string.sub(value, space + 1)
  end
end
return live`;

export const DEFAULT_PRESENCE_TTL_MS = 3000;

export class Presence {
  private readonly ttlMs: number;
  private readonly tickMs: number;
  private readonly refreshMs: number;
  private readonly readTimeoutMs: number;
  private readonly timer: NodeJS.Timeout;
  /** The rooms this process reports on. */
  private readonly rooms = new Set<string>();
  /** What was last written of each room, and when (this process's clock: only its own pace). */
  private readonly written = new Map<string, { text: string; at: number }>();
  private reporter: PresenceReporter | undefined;
  private ticking = false;
  private closed = false;
  private readFailed = false;

  constructor(private readonly options: PresenceOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_PRESENCE_TTL_MS;
    this.tickMs = options.tickMs ?? 250;
    this.refreshMs = Math.min(options.refreshMs ?? 1000, Math.floor(this.ttlMs / 2));
    this.readTimeoutMs = options.readTimeoutMs ?? 1000;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  /** Says what this process reports of each room it tracks. */
  report(reporter: PresenceReporter): void {
    this.reporter = reporter;
  }

  track(room: string): void {
    if (!this.closed) this.rooms.add(room);
  }

  /** The room was unloaded here: this process's field goes at once. */
  untrack(room: string): void {
    this.rooms.delete(room);
    if (this.written.delete(room)) this.remove(room);
  }

  /**
   * The other live processes that have each of `rooms` loaded, with what each says of it
   * (this one's own is left out: the caller knows it first-hand). A room Redis did not
   * answer for (unreachable, slow) is missing from the answer.
   */
  async read(rooms: readonly string[]): Promise<Map<string, Map<string, unknown>>> {
    const found = new Map<string, Map<string, unknown>>();
    if (rooms.length === 0) return found;
    const pipeline = this.options.redis.pipeline();
    for (const room of rooms) pipeline.eval(READ, 1, `${KEY}${room}`, this.options.processId);
    let timeout: NodeJS.Timeout | undefined;
    try {
      const answers = await Promise.race([
        pipeline.exec(),
        new Promise<never>((_, reject) => {
          timeout = setTimeout(() => reject(new Error('presence read timed out')), this.readTimeoutMs);
        }),
      ]);
      rooms.forEach((room, index) => {
        const [error, values] = answers?.[index] ?? [new Error('no answer'), null];
        if (error || !Array.isArray(values)) return;
        const processes = new Map<string, unknown>();
        for (let at = 0; at + 1 < values.length; at += 2) {
          const [process, value] = [values[at], parsed(values[at + 1])];
          if (typeof process === 'string' && value.length === 1) processes.set(process, value[0]);
        }
        found.set(room, processes);
      });
      this.readFailed = false;
    } catch (error) {
      if (!this.readFailed) this.options.log('presence-read-failed', { error: String(error) });
      this.readFailed = true;
    } finally {
      clearTimeout(timeout);
    }
    return found;
  }

  /** Removes this process's fields (a clean shutdown: gone at once, not after the TTL). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const rooms = [...this.written.keys()];
    this.written.clear();
    if (rooms.length === 0) return;
    const pipeline = this.options.redis.pipeline();
    for (const room of rooms) pipeline.hdel(`${KEY}${room}`, this.options.processId);
    await pipeline.exec().catch(() => {});
  }

  private remove(room: string): void {
    this.options.redis.hdel(`${KEY}${room}`, this.options.processId).catch(() => {
      // Unreachable: the field expires by itself.
    });
  }

  private async tick(): Promise<void> {
    const reporter = this.reporter;
    if (this.ticking || this.closed) return;
    this.ticking = true;
    try {
      const now = Date.now();
      const pipeline = this.options.redis.pipeline();
      const sent: string[] = [];
      for (const room of this.rooms) {
        const text = JSON.stringify(reporter?.(room) ?? null);
        const last = this.written.get(room);
        if (last && last.text === text && now - last.at < this.refreshMs) continue;
        pipeline.eval(WRITE, 1, `${KEY}${room}`, this.options.processId, this.ttlMs, text);
        this.written.set(room, { text, at: now });
        sent.push(room);
      }
      if (sent.length === 0) return;
      let answers: [Error | null, unknown][] | null = null;
      try {
        answers = await pipeline.exec();
      } catch {
        answers = null;
      }
      // Not written: written again on the next tick.
      sent.forEach((room, index) => {
        if (!answers || answers[index]?.[0]) this.written.delete(room);
      });
    } finally {
      this.ticking = false;
    }
  }
}

function parsed(text: unknown): unknown[] {
  if (typeof text !== 'string') return [];
  try {
    return [JSON.parse(text) as unknown];
  } catch {
    return [];
  }
}
