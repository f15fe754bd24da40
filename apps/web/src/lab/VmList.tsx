import { For, Show } from 'solid-js';
import { type AdapterView, MODE_LABELS, type VmView } from './labView';

export function VmList(props: { vms: readonly VmView[] }) {
  return (
    <Show when={props.vms.length > 0} fallback={<p class="empty">No virtual machines yet.</p>}>
      <ul class="vm-list">
        <For each={props.vms}>{(vm) => <VmCard vm={vm} />}</For>
      </ul>
    </Show>
  );
}

function VmCard(props: { vm: VmView }) {
  return (
    <li class="vm" data-vm={props.vm.id}>
      <h3>
        {props.vm.name}
        <Show when={props.vm.name !== props.vm.id}>
          <span class="muted"> ({props.vm.id})</span>
        </Show>
      </h3>
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
            <For each={props.vm.adapters}>{(adapter) => <AdapterRow adapter={adapter} />}</For>
          </tbody>
        </table>
      </Show>
    </li>
  );
}

function AdapterRow(props: { adapter: AdapterView }) {
  return (
    <tr class={`adapter mode-${props.adapter.mode}`} data-slot={props.adapter.slot}>
      <td>{props.adapter.slot + 1}</td>
      <td>
        <span class={`mode-tag kind-${props.adapter.mode}`}>
          {MODE_LABELS[props.adapter.mode] ?? props.adapter.mode}
        </span>
      </td>
      <td>
        {props.adapter.network || <span class="muted">{props.adapter.mode === 'nat' ? 'private' : '—'}</span>}
        <Show when={!props.adapter.cable}>
          <span class="unplugged" title="Cable connected: off">
            unplugged
          </span>
        </Show>
      </td>
      <td class="mono">{props.adapter.address}</td>
    </tr>
  );
}
