import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { DocChannel } from '../sync/DocChannel';
import { encodeUpdate } from '../sync/protocol';
import { defaultLimits } from '../sync/types';
import { fakeConnection } from '../testing/fakeSocket';
import { guardConsole } from './consoleGuard';
import { appendConsole, readConsole } from './consoleHistory';

const line = (command: string) => ({
  by: 'Ana',
  machine: 'vm1',
  command,
  output: '',
  exitCode: 0,
  probe: null,
});

function room() {
  const channel = new DocChannel({
    name: 'room',
    store: createMemoryStore(),
    writable: true,
    limits: defaultLimits,
    log: silentLogger,
  });
  guardConsole(channel, silentLogger);
  appendConsole(channel, line('ip addr'), 1);
  appendConsole(channel, line('ip route'), 2);
  const connection = fakeConnection();
  channel.connect(connection);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(channel.doc));
  const edit = (fn: (console: Y.Array<unknown>) => void) => {
    const before = Y.encodeStateVector(channel.doc);
    client.transact(() => fn(client.getArray('console')));
    channel.receive(connection, encodeUpdate(Y.encodeStateAsUpdate(client, before)));
    // What the server sent back (its compensation), as the client's provider applies it.
    Y.applyUpdate(client, Y.encodeStateAsUpdate(channel.doc, Y.encodeStateVector(client)));
  };
  return { channel, client, edit };
}

describe('the console is the server’s', () => {
  it('[CONSOLE-5] a client’s append is undone by the server, and the client hears it', () => {
    const { channel, client, edit } = room();
    edit((log) => log.push([{ command: 'rm -rf /', by: 'Mallory', at: 3 }]));
    expect(readConsole(channel.doc).map((e) => e.command)).toEqual(['ip addr', 'ip route']);
    expect(
      client
        .getArray('console')
        .toJSON()
        .map((e) => (e as { command: string }).command),
    ).toEqual(['ip addr', 'ip route']);
  });

  it('[CONSOLE-5] a client’s deletion is put back in time order', () => {
    const { channel, edit } = room();
    edit((log) => log.delete(0, 1));
    expect(readConsole(channel.doc).map((e) => e.command)).toEqual(['ip addr', 'ip route']);
    edit((log) => log.delete(0, 2));
    expect(readConsole(channel.doc).map((e) => e.command)).toEqual(['ip addr', 'ip route']);
    appendConsole(channel, line('arp -n'), 5);
    expect(readConsole(channel.doc).map((e) => e.command)).toEqual(['ip addr', 'ip route', 'arp -n']);
  });
});
