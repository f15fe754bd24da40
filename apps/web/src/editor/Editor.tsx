/**
 * The room page's editor: mounts the toolbar, the VM settings dialog and the networks
 * dialog, and gives them — and the page under it (the canvas) — the undo manager, the
 * lab's errors and whether the page is read-only (EditorContext).
 */
import { createSignal, type JSX } from 'solid-js';
import './editor.css';
import { useTimeline } from '../history/createTimeline';
import { useRoom } from '../room/roomContext';
import { createEditor, EditorContext } from './createEditor';
import { NetworksDialog } from './NetworksDialog';
import { Toolbar } from './Toolbar';
import { VmDialog } from './VmDialog';

export function Editor(props: { children?: JSX.Element }) {
  const room = useRoom();
  const timeline = useTimeline();
  const editor = createEditor(room, () => timeline.viewing() !== null);
  const [networksOpen, setNetworksOpen] = createSignal(false);
  return (
    <EditorContext.Provider value={editor}>
      <Toolbar onNetworks={() => setNetworksOpen(true)} />
      <VmDialog />
      <NetworksDialog open={networksOpen()} onClose={() => setNetworksOpen(false)} />
      {props.children}
    </EditorContext.Provider>
  );
}
