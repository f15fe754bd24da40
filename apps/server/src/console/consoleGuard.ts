/**
 * The room's console is the server's to write (CONSOLE-5): a client's change to it is
 * applied (dropping a client's update would jam every later one of that client) and
 * at once undone in a server transaction, origin `console` — what it added is deleted,
 * what it deleted is put back where its time places it — and logged.
 */
import type * as Y from 'yjs';
import type { Logger } from '../log';
import type { DocChannel } from '../sync/DocChannel';
import type { Origin } from '../sync/types';
import { type ConsoleRecord, consoleArray } from './consoleHistory';

export function guardConsole(channel: DocChannel, log: Logger): () => void {
  const array = consoleArray(channel.doc);
  const observer = (event: Y.YArrayEvent<ConsoleRecord>, transaction: Y.Transaction) => {
    const origin = transaction.origin as Origin | null;
    if (origin?.kind !== 'client') return;
    const added = new Set<Y.Item>(event.changes.added);
    // Deleted items keep their content until the transaction's cleanup garbage-collects it.
    const removed = [...event.changes.deleted].flatMap(
      (item) => item.content.getContent() as ConsoleRecord[],
    );
    log('console-write-undone', {
      doc: channel.name,
      conn: origin.connId,
      added: added.size,
      removed: removed.length,
    });
    channel.transact(
      () => {
        let index = 0;
        for (let item = array._start; item !== null; item = item.right) {
          if (item.deleted || !item.countable) continue;
          if (added.has(item)) array.delete(index, item.length);
          else index += item.length;
        }
        for (const record of removed) {
          const at = array.toArray().findIndex((entry) => entry.at > record.at);
          array.insert(at === -1 ? array.length : at, [record]);
        }
      },
      { kind: 'console' },
    );
  };
  array.observe(observer);
  return () => array.unobserve(observer);
}
