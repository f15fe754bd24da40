/**
 * The room's editing toolbar: Add VM, Clone / Delete (of the selected VM), Networks,
 * Import a lab file, Export it, Undo / Redo. Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y undo and
 * redo this person's own edits anywhere on the page except the console.
 */
import {
  addVm,
  cloneVm,
  deleteVm,
  goalsNaming,
  importLab,
  type LabError,
  parseLab,
  readLab,
  renderLabError,
} from '@vnetlab/shared';
import { createEffect, createSignal, For, Index, onCleanup, onMount, Show } from 'solid-js';
import { locale } from '../i18n/locale';
import { useRoom } from '../room/roomContext';
import { downloadLab, labFileName } from '../util/downloadLab';
import { useEditor } from './createEditor';
import { fill, t } from './words';

export function Toolbar(props: { onNetworks: () => void }) {
  const room = useRoom();
  const editor = useEditor();
  const [selected, setSelected] = createSignal<string>('');
  const [importErrors, setImportErrors] = createSignal<readonly LabError[]>([]);
  const vms = () => room.lab().vms;
  // Before the room's document has arrived, a new VM would create a second `vms` map that
  // the server's would overwrite (or that would overwrite it): edits wait for the first sync.
  const loaded = () => Object.keys(room.docs.lab()).length > 0;
  // The VM last opened (canvas or list) is the one Clone and Delete act on.
  createEffect(() => {
    const open = room.openVm();
    if (open !== null) setSelected(open);
  });
  const current = () => (vms().some((vm) => vm.id === selected()) ? selected() : (vms()[0]?.id ?? ''));

  const add = () => {
    let id = '';
    editor.act((doc, origin) => {
      id = addVm(doc, origin);
    });
    setSelected(id);
  };
  const clone = () => {
    let id: string | null = null;
    editor.act((doc, origin) => {
      id = cloneVm(doc, current(), origin);
    });
    if (id) setSelected(id);
  };
  const remove = () => {
    const vm = vms().find((v) => v.id === current());
    if (!vm) return;
    const goals = goalsNaming(editor.doc, vm.id);
    const question = fill(t('confirmDelete'), { vm: vm.name });
    const also = goals.length > 0 ? ` ${fill(t('confirmGoals'), { goals: goals.join(', ') })}` : '';
    if (!window.confirm(question + also)) return;
    editor.act((doc, origin) => deleteVm(doc, vm.id, origin));
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setImportErrors([]);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch (error) {
      setImportErrors([{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
      return;
    }
    const parsed = parseLab(json);
    if (!parsed.ok) {
      setImportErrors(parsed.errors);
      return;
    }
    editor.act((doc, origin) => importLab(doc, json as Record<string, unknown>, origin));
  };
  const exportFile = () => {
    const lab = readLab(editor.doc);
    downloadLab(lab, labFileName(lab.title, room.route.room, 'lab'));
  };

  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('.console-panel')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        editor.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        editor.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    onCleanup(() => window.removeEventListener('keydown', onKey));
  });

  return (
    <div class="editor-toolbar" role="toolbar" aria-label={t('toolbar')}>
      {/* Viewing the history: every control disabled at once (ViewingBar leads back). */}
      <fieldset class="read-only-fields" disabled={editor.readOnly()}>
        <button type="button" class="action-button" disabled={!loaded()} onClick={add}>
          <span aria-hidden="true">+ </span>
          {t('addVm')}
        </button>
        <label class="visually-hidden" for="toolbar-vm">
          {t('selectedVm')}
        </label>
        <select
          id="toolbar-vm"
          class="toolbar-select"
          value={current()}
          disabled={vms().length === 0}
          onChange={(event) => setSelected(event.currentTarget.value)}
        >
          <Index each={vms()}>{(vm) => <option value={vm().id}>{vm().name}</option>}</Index>
        </select>
        <button type="button" class="tool-button" disabled={current() === ''} onClick={clone}>
          {t('clone')}
        </button>
        <button type="button" class="tool-button" disabled={current() === ''} onClick={remove}>
          {t('delete')}
        </button>
        <span class="toolbar-gap" />
        <button type="button" class="tool-button" onClick={props.onNetworks}>
          {t('networks')}
        </button>
        <label class="tool-button file-tool">
          {t('importLab')}
          <input
            type="file"
            accept=".json,application/json"
            disabled={!loaded()}
            onChange={(event) => {
              void importFile(event.currentTarget.files?.[0]);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <button type="button" class="tool-button" onClick={exportFile}>
          {t('exportLab')}
        </button>
        <span class="toolbar-gap" />
        <button
          type="button"
          class="tool-button"
          disabled={!editor.canUndo()}
          onClick={() => editor.undo()}
          title="Ctrl+Z"
        >
          <span aria-hidden="true">↶ </span>
          {t('undo')}
        </button>
        <button
          type="button"
          class="tool-button"
          disabled={!editor.canRedo()}
          onClick={() => editor.redo()}
          title="Ctrl+Shift+Z"
        >
          <span aria-hidden="true">↷ </span>
          {t('redo')}
        </button>
      </fieldset>
      <Show when={importErrors().length > 0}>
        <div class="import-errors" role="alert">
          <p>{t('importRefused')}</p>
          <ul>
            <For each={importErrors()}>
              {(error) => <li class="mono">{renderLabError(error, locale())}</li>}
            </For>
          </ul>
        </div>
      </Show>
    </div>
  );
}
