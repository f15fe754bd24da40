import { For, Show } from 'solid-js';
import { LockMark } from '../classroom/LockMark';
import { say } from '../i18n/locale';
import { VmPresenceBadges } from '../presence/PeopleList';
import type { LeaseView, MachineView } from '../results/resultsView';
import { useRoom } from '../room/roomContext';
import { type AdapterView, MODE_LABELS, type VmView } from './labView';

export function VmList(props: { vms: readonly VmView[]; machines: ReadonlyMap<string, MachineView> }) {
  return (
    <Show when={props.vms.length > 0} fallback={<p class="empty">No virtual machines yet.</p>}>
      <ul class="vm-list">
        <For each={props.vms}>{(vm) => <VmCard vm={vm} machine={props.machines.get(vm.id)} />}</For>
      </ul>
    </Show>
  );
}

function VmCard(props: { vm: VmView; machine: MachineView | undefined }) {
  const room = useRoom();
  return (
    <li class="vm" data-vm={props.vm.id}>
      <h3>
        {/* The VM's button, named by its display name (DESIGN.md "The room page"): opens its settings. */}
        <button type="button" class="vm-open" onClick={() => room.setOpenVm(props.vm.id)}>
          {props.vm.name}
        </button>
        <Show when={props.vm.name !== props.vm.id}>
          <span class="muted"> ({props.vm.id})</span>
        </Show>
        <VmPresenceBadges vmId={props.vm.id} />
      </h3>
      <Show when={props.machine?.problem}>
        <p class="vm-problem" role="status">
          {say(props.machine?.problemWhy ?? null, props.machine?.problem ?? '')}
        </p>
      </Show>
      <Show when={props.vm.adapters.length > 0} fallback={<p class="empty">No adapters.</p>}>
        <table class="adapters">
          <thead>
            <tr>
              <th>#</th>
              <th>Mode</th>
              <th>Network</th>
              <th>Address</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.vm.adapters}>
              {(adapter) => (
                <AdapterRow vm={props.vm.id} adapter={adapter} lease={props.machine?.leases[adapter.slot]} />
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </li>
  );
}

function AdapterRow(props: { vm: string; adapter: AdapterView; lease: LeaseView | undefined }) {
  const at = (field: string) => ['vms', props.vm, 'adapters', props.adapter.slot, field];
  return (
    <tr class={`adapter mode-${props.adapter.mode}`} data-slot={props.adapter.slot}>
      <td>{props.adapter.slot + 1}</td>
      <td>
        <span class={`mode-tag kind-${props.adapter.mode}`}>
          {MODE_LABELS[props.adapter.mode] ?? props.adapter.mode}
        </span>
        <LockMark path={at('mode')} />
      </td>
      <td>
        {props.adapter.network || <span class="muted">{props.adapter.mode === 'nat' ? 'private' : '—'}</span>}
        <LockMark path={at('network')} />
        <Show when={!props.adapter.cable}>
          <span class="unplugged" title="Cable connected: off">
            unplugged
          </span>
        </Show>
      </td>
      <td class="mono">
        <Address configured={props.adapter.address} lease={props.lease} />
      </td>
    </tr>
  );
}

/** The address the engine gave the adapter, and how; what was configured until results arrive. */
function Address(props: { configured: string; lease: LeaseView | undefined }) {
  const leased = () => props.lease?.addresses[0];
  return (
    <Show when={props.lease} fallback={props.configured}>
      <Show
        when={leased()}
        fallback={
          <span class={props.lease?.addressing === 'dhcp-failed' ? 'no-lease' : 'muted'}>
            {props.lease?.addressing === 'dhcp-failed' ? 'no DHCP lease' : 'no address'}
          </span>
        }
      >
        {leased()}
        <span class="muted"> {props.lease?.addressing === 'dhcp' ? 'DHCP' : 'static'}</span>
      </Show>
    </Show>
  );
}
