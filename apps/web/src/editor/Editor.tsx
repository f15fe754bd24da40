/**
 * The room page's editor: mounts the toolbar, the VM settings dialog and the networks
 * dialog, and gives them the undo manager and the lab's errors (EditorContext).
 */
import { createSignal } from 'solid-js';
import './editor.css';
import { useTimeline } from '../history/createTimeline';
import { useRoom } from '../room/roomContext';
import { createEditor, EditorContext } from './createEditor';
import { NetworksDialog } from './NetworksDialog';
import { Toolbar } from './Toolbar';
import { VmDialog } from './VmDialog';

export function Editor() {
  const room = useRoom();
  const timeline = useTimeline();
  const editor = createEditor(room, () => timeline.viewing() !== null);
  const [networksOpen, setNetworksOpen] = createSignal(false);
  return (
    <EditorContext.Provider value={editor}>
      <Toolbar onNetworks={() => setNetworksOpen(true)} />
      <VmDialog />
      <NetworksDialog open={networksOpen()} onClose={() => setNetworksOpen(false)} />
    </EditorContext.Provider>
  );
}
