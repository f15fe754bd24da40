/**
 * The editor's state for one room page: the undo manager over this person's own edits,
 * the lab's schema errors by path, and the edit functions bound to the room document
 * and this person's origin. Every write goes through `@vnetlab/shared` (labEdits).
 */
import { type LabError, type LabPath, labMap, setField } from '@vnetlab/shared';
import { type Accessor, createContext, createMemo, createSignal, onCleanup, useContext } from 'solid-js';
import * as Y from 'yjs';
import { isReadOnly } from '../classroom/ReadOnlyNote';
import type { RoomContextValue } from '../room/roomContext';
import { parseOnce } from '../topology/parsedLab';

export interface Editor {
  readonly doc: Y.Doc;
  readonly origin: unknown;
  /** The lab's schema errors (empty when it parses). */
  readonly errors: Accessor<readonly LabError[]>;
  /** Sets one field; a discrete change (a click, a select) is its own undo step. */
  set(path: LabPath, value: unknown): void;
  /** Runs an edit made of labEdits calls as one undo step. */
  act(edit: (doc: Y.Doc, origin: unknown) => void): void;
  /** One keystroke's worth of a text field: merged with the field's earlier keystrokes. */
  type(path: LabPath, value: unknown): void;
  /** A text field was entered: what is typed until it is left is one undo step. */
  beginTyping(): void;
  undo(): void;
  redo(): void;
  readonly canUndo: Accessor<boolean>;
  readonly canRedo: Accessor<boolean>;
  /** The page shows an earlier state of the history, or the class forbids editing here. */
  readonly readOnly: Accessor<boolean>;
}

/** How long a burst of keystrokes in one field stays one undo step (focus changes split earlier). */
const CAPTURE_MS = 5_000;

export function createEditor(room: RoomContextValue, viewingPast: Accessor<boolean> = () => false): Editor {
  // Nothing is written while the page shows the past, nor while the class forbids it
  // (paused, the stage, a spotlight): the server would undo such an edit anyway.
  const readOnly = () => viewingPast() || isReadOnly();
  const doc = room.docs.labDoc;
  const origin = room.origin;
  const undoManager = new Y.UndoManager(labMap(doc), {
    trackedOrigins: new Set([origin]),
    captureTimeout: CAPTURE_MS,
  });
  const [canUndo, setCanUndo] = createSignal(false);
  const [canRedo, setCanRedo] = createSignal(false);
  const refresh = () => {
    setCanUndo(undoManager.canUndo());
    setCanRedo(undoManager.canRedo());
  };
  undoManager.on('stack-item-added', refresh);
  undoManager.on('stack-item-popped', refresh);
  undoManager.on('stack-cleared', refresh);
  onCleanup(() => undoManager.destroy());
  // Two people adding a VM (or the first NAT network) at once pick one name: the room's
  // server adds the dropped one again under the next (shared/yjs/concurrentWrites.ts).

  const errors = createMemo<readonly LabError[]>(() => {
    const raw = room.docs.lab();
    if (Object.keys(raw).length === 0) return [];
    const parsed = parseOnce(raw);
    return parsed.ok ? [] : parsed.errors;
  });

  // While the page shows the past, its fields are disabled; this is the guard behind them
  // (a shortcut, a field that kept focus), so that no edit lands on the live lab unseen.
  const act = (edit: (doc: Y.Doc, origin: unknown) => void) => {
    if (readOnly()) return;
    undoManager.stopCapturing();
    edit(doc, origin);
    undoManager.stopCapturing();
  };

  return {
    doc,
    origin,
    errors,
    set: (path, value) => act(() => setField(doc, path, value, origin)),
    act,
    type: (path, value) => {
      if (!readOnly()) setField(doc, path, value, origin);
    },
    beginTyping: () => undoManager.stopCapturing(),
    undo: () => {
      if (readOnly()) return;
      undoManager.stopCapturing();
      undoManager.undo();
    },
    redo: () => {
      if (!readOnly()) undoManager.redo();
    },
    canUndo,
    canRedo,
    readOnly,
  };
}

/** The schema's message for a field, or for an item of the list it edits (`dns[1]`). */
export function errorAt(errors: readonly LabError[], path: string): string | undefined {
  const hit = errors.find(
    (error) => error.path === path || error.path.startsWith(`${path}[`) || error.path.startsWith(`${path}.`),
  );
  return hit?.message;
}

export const EditorContext = createContext<Editor>();

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor() outside the editor');
  return editor;
}
