import type { Hypervisor } from '@vnetlab/shared';
import { createMemo, Index, Show } from 'solid-js';
import { LockMark } from '../classroom/LockMark';
import { modeColumnWord, unpluggedWord } from '../editor/adapterWords';
import { say, wordsOf } from '../i18n/locale';
import { VmPresenceBadges } from '../presence/PeopleList';
import type { LeaseView, MachineView } from '../results/resultsView';
import { useRoom } from '../room/roomContext';
import { adapterTag } from './kindWords';
import type { AdapterView, VmView } from './labView';

const w = wordsOf({
  noVms: { en: 'No virtual machines yet.', 'zh-CN': '还没有虚拟机。' },
  noAdapters: { en: 'No adapters.', 'zh-CN': '没有网卡。' },
  mode: { en: 'Mode', 'zh-CN': '模式' },
  network: { en: 'Network', 'zh-CN': '网络' },
  address: { en: 'Address', 'zh-CN': '地址' },
  private: { en: 'private', 'zh-CN': '私有' },
  unplugged: { en: 'unplugged', 'zh-CN': '未接网线' },
  cableOff: { en: 'Cable connected: off', 'zh-CN': '接入网线：关' },
  noLease: { en: 'no DHCP lease', 'zh-CN': '未获得 DHCP 租约' },
  noAddress: { en: 'no address', 'zh-CN': '没有地址' },
  static: { en: 'static', 'zh-CN': '静态' },
});

export function VmList(props: {
  vms: readonly VmView[];
  machines: ReadonlyMap<string, MachineView>;
  /** Whose words an unplugged adapter is said in (VMW-12, LV-7, HV-4). */
  hypervisor?: Hypervisor;
}) {
  // Memos between the page's lab and results and the cards: `props.hypervisor` reads the
  // whole lab view and `props.machines` the whole results view, so without them every
  // adapter row of every card would run again on any edit anywhere (a rename of vm1 re-ran
  // the 100 cards' tags and addresses). A memo passes a value on only when it changed.
  const hypervisor = createMemo(() => props.hypervisor ?? 'virtualbox');
  // Index, not For: every edit brings new view objects, and rebuilding 100 cards per edit
  // costs a relayout; by position, each card keeps its DOM and only changed text is written.
  return (
    <Show when={props.vms.length > 0} fallback={<p class="empty">{w('noVms')}</p>}>
      <ul class="vm-list">
        <Index each={props.vms}>
          {(vm) => {
            const machine = createMemo(() => props.machines.get(vm().id));
            return <VmCard vm={vm()} machine={machine()} hypervisor={hypervisor()} />;
          }}
        </Index>
      </ul>
    </Show>
  );
}

function VmCard(props: { vm: VmView; machine: MachineView | undefined; hypervisor: Hypervisor }) {
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
      <Show when={props.vm.adapters.length > 0} fallback={<p class="empty">{w('noAdapters')}</p>}>
        <table class="adapters">
          <thead>
            <tr>
              <th>#</th>
              <th>{modeColumnWord(props.hypervisor) ?? w('mode')}</th>
              <th>{w('network')}</th>
              <th>{w('address')}</th>
            </tr>
          </thead>
          <tbody>
            <Index each={props.vm.adapters}>
              {(adapter) => (
                <AdapterRow
                  vm={props.vm.id}
                  adapter={adapter()}
                  lease={props.machine?.leases[adapter().slot]}
                  hypervisor={props.hypervisor}
                />
              )}
            </Index>
          </tbody>
        </table>
      </Show>
    </li>
  );
}

function AdapterRow(props: {
  vm: string;
  adapter: AdapterView;
  lease: LeaseView | undefined;
  hypervisor: Hypervisor;
}) {
  const at = (field: string) => ['vms', props.vm, 'adapters', props.adapter.slot, field];
  return (
    <tr class={`adapter mode-${props.adapter.mode}`} data-slot={props.adapter.slot}>
      <td>{props.adapter.slot + 1}</td>
      <td>
        <span class={`mode-tag kind-${props.adapter.mode}`}>
          {adapterTag(props.hypervisor, props.adapter)}
        </span>
        <LockMark path={at('mode')} />
      </td>
      <td>
        {/* A Show, not `network || <span>`: that expression would build a new span on every edit. */}
        <Show
          when={props.adapter.network}
          fallback={<span class="muted">{props.adapter.mode === 'nat' ? w('private') : '—'}</span>}
        >
          {props.adapter.network}
        </Show>
        <LockMark path={at('network')} />
        <Show when={!props.adapter.cable}>
          <span class="unplugged" title={unpluggedWord(props.hypervisor) ?? w('cableOff')}>
            {unpluggedWord(props.hypervisor)?.toLowerCase() ?? w('unplugged')}
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
  // A memo: each results update hands a new lease object, and a class bound straight to
  // it would be written again on every adapter of every VM, unchanged.
  const failed = createMemo(() => props.lease?.addressing === 'dhcp-failed');
  return (
    <Show when={props.lease} fallback={props.configured}>
      <Show
        when={leased()}
        fallback={
          <span class={failed() ? 'no-lease' : 'muted'}>{failed() ? w('noLease') : w('noAddress')}</span>
        }
      >
        {leased()}
        <span class="muted"> {props.lease?.addressing === 'dhcp' ? 'DHCP' : w('static')}</span>
      </Show>
    </Show>
  );
}
