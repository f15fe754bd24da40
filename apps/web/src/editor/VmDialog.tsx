/**
 * A VM's settings, opened from the canvas or the VM list (`openVm`): a native modal
 * `<dialog>` (focus stays inside, Escape closes it), named after the VM. Changes apply
 * as they are made; there is no Save.
 */
import { defaultsFor, type Hypervisor } from '@vnetlab/shared';
import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { ReadOnlyNote } from '../classroom/ReadOnlyNote';
import { useTimeline } from '../history/createTimeline';
import { ViewingBar } from '../history/HistoryPanel';
import { DriveBar } from '../presence/DriveBar';
import { FollowBar, VmPresenceBadges } from '../presence/PeopleList';
import { useRoom } from '../room/roomContext';
import { asArray, asObject } from '../util/json';
import { AdapterPanel } from './AdapterPanel';
import { useEditor } from './createEditor';
import { TextField } from './fields';
import { GuestPanel } from './GuestPanel';
import { hypervisorOf, networkNames } from './modes';
import { t } from './words';

/** The tabs VirtualBox shows before "more": its GUI has four adapters, VBoxManage eight. */
const SHOWN_TABS = 4;

export function VmDialog() {
  const room = useRoom();
  let dialog!: HTMLDialogElement;
  const editor = useEditor();
  const timeline = useTimeline();
  // While someone views the history, the dialog shows that state (read-only).
  const raw = () => timeline.viewedLab() ?? room.docs.lab();
  const hypervisor = (): Hypervisor => hypervisorOf(raw().hypervisor);
  const vmId = () => room.openVm();
  const vm = createMemo(() => {
    const id = vmId();
    return id === null ? null : (asObject(asObject(raw().vms)[id]) as Record<string, unknown>);
  });
  const exists = () => {
    const id = vmId();
    return id !== null && id in asObject(raw().vms);
  };
  const name = () => {
    const id = vmId() ?? '';
    const named = vm()?.name;
    return typeof named === 'string' && named !== '' ? named : id;
  };
  const names = createMemo(() => networkNames(raw()));
  const [slot, setSlot] = createSignal(0);
  const [more, setMore] = createSignal(false);
  const maxTabs = () => defaultsFor(hypervisor()).maxAdapters;
  const adapters = () => asArray(vm()?.adapters);
  const tabs = () => Array.from({ length: more() ? maxTabs() : SHOWN_TABS }, (_, i) => i);

  createEffect(() => {
    if (exists()) {
      if (!dialog.open) {
        setSlot(0);
        setMore(false);
        dialog.showModal();
      }
    } else if (dialog.open) dialog.close();
  });
  // A partner deleted the VM while it was open: close.
  createEffect(() => {
    if (vmId() !== null && !exists() && Object.keys(raw()).length > 0) room.setOpenVm(null);
  });

  const onTabKey = (event: KeyboardEvent) => {
    const count = tabs().length;
    const next =
      event.key === 'ArrowRight'
        ? (slot() + 1) % count
        : event.key === 'ArrowLeft'
          ? (slot() + count - 1) % count
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? count - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    setSlot(next);
    document.getElementById(`adapter-tab-${next}`)?.focus();
  };

  return (
    <dialog
      ref={dialog}
      class="vm-dialog"
      aria-labelledby="vm-dialog-title"
      onClose={() => room.setOpenVm(null)}
    >
      <Show when={exists()}>
        <header class="dialog-header">
          <h2 id="vm-dialog-title">
            {name()} — {t('settings')}
          </h2>
          <VmPresenceBadges vmId={vmId() ?? ''} />
          <button type="button" class="small-button" onClick={() => room.setOpenVm(null)}>
            {t('close')}
          </button>
        </header>
        <DriveBar inDialog />
        <FollowBar inDialog />
        <ViewingBar />
        <ReadOnlyNote />
        <div class="dialog-body">
          <fieldset class="group" disabled={editor.readOnly()}>
            <legend>{t('general')}</legend>
            <div class="field-row">
              <TextField
                label={t('vmName')}
                path={['vms', vmId() ?? '', 'name']}
                value={vm()?.name ?? vmId()}
                parse={(text) => text}
              />
              <p class="muted vm-id">
                {t('vmId')}: <code>{vmId()}</code>
              </p>
            </div>
          </fieldset>
          <section class="group adapters-group" aria-label={t('network')}>
            <div class="tab-row">
              <div role="tablist" aria-label={t('network')} class="adapter-tabs">
                <For each={tabs()}>
                  {(index) => (
                    <button
                      type="button"
                      role="tab"
                      id={`adapter-tab-${index}`}
                      aria-selected={slot() === index}
                      aria-controls="adapter-panel"
                      tabIndex={slot() === index ? 0 : -1}
                      classList={{ active: slot() === index, off: index >= adapters().length }}
                      onClick={() => setSlot(index)}
                      onKeyDown={onTabKey}
                    >
                      {t('adapter')} {index + 1}
                    </button>
                  )}
                </For>
              </div>
              <button
                type="button"
                class="small-button"
                aria-expanded={more()}
                onClick={() => {
                  if (more() && slot() >= SHOWN_TABS) setSlot(0);
                  setMore(!more());
                }}
              >
                {more() ? t('fewer') : `${t('more')} (${SHOWN_TABS + 1}–${maxTabs()})`}
              </button>
            </div>
            <div
              role="tabpanel"
              id="adapter-panel"
              aria-labelledby={`adapter-tab-${slot()}`}
              class="tab-panel"
            >
              {/* Disabled while viewing the history; the tabs above still show every adapter. */}
              <fieldset class="read-only-fields" disabled={editor.readOnly()}>
                <AdapterPanel
                  vmId={vmId() ?? ''}
                  slot={slot()}
                  adapter={adapters()[slot()]}
                  hypervisor={hypervisor()}
                  names={names()}
                  guestOs={vm()?.os === 'windows' ? 'windows' : 'linux'}
                />
              </fieldset>
            </div>
          </section>
          <fieldset class="read-only-fields" disabled={editor.readOnly()}>
            <GuestPanel vmId={vmId() ?? ''} vm={vm() ?? {}} />
          </fieldset>
        </div>
      </Show>
    </dialog>
  );
}
