/**
 * "Undo that is yours", after a repair. Two people who add `vm3` at once: Yjs keeps one
 * addition, and the room's server adds the other again as `vm4` (concurrentWrites.ts).
 * That `vm4` is the server's write, so its author's UndoManager, which tracks only the
 * author's own origin, would never take it back: its Undo would undo a deleted map, and
 * nothing would change. The repair records which addition each copy stands for
 * (repairRecords.ts); when such a record arrives, the copy joins the undo step of the
 * addition it stands for, if that step is this page's, so that undoing the addition
 * removes the copy, and redo brings it back.
 */
import * as Y from 'yjs';
import { originalOf, type RepairRecord, repairRecords } from './repairRecords';

/** From now on, `undo` takes back the copies repairs make of this page's own additions. Returns the function that stops it. */
export function followRepairs(undo: Y.UndoManager, doc: Y.Doc): () => void {
  const records = repairRecords(doc);
  const observer = (event: Y.YArrayEvent<RepairRecord>) => {
    for (const item of event.changes.added) {
      for (const record of item.content.getContent() as RepairRecord[]) {
        if (record.made) adopt(undo, originalOf(record), record.made);
      }
    }
  };
  records.array.observe(observer);
  return () => records.array.unobserve(observer);
}

/** Adds `made` to the insertions of this page's undo step that inserted `original`. */
function adopt(
  undo: Y.UndoManager,
  original: readonly [number, number],
  made: readonly [number, number],
): void {
  const id = Y.createID(original[0], original[1]);
  const step = undo.undoStack.find((stackItem) => Y.isDeleted(stackItem.insertions, id));
  if (!step) return;
  const copy = Y.createDeleteSet();
  // A DeleteSet's ranges as Yjs builds them ({clock, len}); merged (sorted) with the step's own.
  copy.clients.set(made[0], [{ clock: made[1], len: 1 } as never]);
  step.insertions = Y.mergeDeleteSets([step.insertions, copy]);
}
