/**
 * The two Redis connections a process of the cluster keeps (`VNETLAB_REDIS_URL`): one
 * for commands (publish, leases), which fails at once while Redis is unreachable (a
 * lease must not be renewed late from a queue), and one subscribed to the rooms'
 * channels, which reconnects and resubscribes by itself. Both retry forever, every
 * second at most.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../log';

export interface RedisClients {
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** Both connections are ready now. */
  connected(): boolean;
  close(): Promise<void>;
}

export function connectRedis(url: string, log: Logger): RedisClients {
  const retryStrategy = (times: number) => Math.min(50 * 2 ** Math.min(times, 5), 1000);
  const commands = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy,
    connectionName: 'vnetlab-commands',
  });
  const subscriber = new Redis(url, {
    autoResubscribe: true,
    maxRetriesPerRequest: null,
    retryStrategy,
    connectionName: 'vnetlab-subscriber',
  });
  for (const [name, client] of [
    ['commands', commands],
    ['subscriber', subscriber],
  ] as const) {
    let down = false;
    client.on('error', (error: Error) => {
      // ioredis emits an error per failed reconnect: log the first of each outage only.
      if (down) return;
      down = true;
      log('redis-error', { connection: name, error: String(error) });
    });
    client.on('ready', () => {
      if (down) log('redis-reconnected', { connection: name });
      down = false;
    });
  }
  return {
    commands,
    subscriber,
    connected: () => commands.status === 'ready' && subscriber.status === 'ready',
    async close() {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
