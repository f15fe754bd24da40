/**
 * One adapter tab, as VirtualBox's Network settings page lays it out: Enable Network
 * Adapter, Attached to, Name, then Advanced (type, promiscuous mode, MAC, cable, port
 * forwarding), then what the guest sets on that interface (DHCP or a static address).
 * VMware, libvirt and Hyper-V labs name the fields as their products do and leave out
 * what the product lacks (adapterWords.ts).
 */
import {
  disableAdapter,
  enableAdapter,
  formatPath,
  type Hypervisor,
  isDisabledAdapter,
  type LabPath,
  regenerateMac,
  setFields,
} from '@vnetlab/shared';
import { createMemo, createUniqueId, For, Show } from 'solid-js';
import { LockMark, useLocked } from '../classroom/LockMark';
import { locale, say } from '../i18n/locale';
import type { LeaseView } from '../results/resultsView';
import { useRoom } from '../room/roomContext';
import { asObject, asString, type Json } from '../util/json';
import {
  adapterWord,
  attachedToAlias,
  guestNicName,
  hasCableBox,
  hasDynamicMac,
  hasPromiscuousMode,
  nameAlias,
  nameWord,
  newMacWord,
} from './adapterWords';
import { useEditor } from './createEditor';
import { CheckField, type FieldProblem, listFormat, listParse, SelectField, TextField } from './fields';
import {
  ADAPTER_TYPES,
  type AttachChoice,
  attachChanges,
  attachChoiceOf,
  attachChoices,
  customMode,
  DEFAULT_ADAPTER_TYPE,
  type NetworkNames,
  nameEditable,
  nameOptions,
  networkShown,
} from './modes';
import { PortForwardTable } from './PortForwardTable';
import { t } from './words';

export interface AdapterPanelProps {
  readonly vmId: string;
  readonly slot: number;
  /** The adapter's raw JSON, or undefined when the slot is empty. */
  readonly adapter: unknown;
  readonly hypervisor: Hypervisor;
  readonly names: NetworkNames;
  /** The guest's system, which names the interface ("enp1s0", "Ethernet 2"). */
  readonly guestOs?: 'linux' | 'windows';
}

export function AdapterPanel(props: AdapterPanelProps) {
  const editor = useEditor();
  const path = (): LabPath => ['vms', props.vmId, 'adapters', props.slot];
  const enabled = () => !isDisabledAdapter(props.adapter);
  const adapter = (): Json => asObject(props.adapter);
  const choice = createMemo(() => attachChoiceOf(adapter(), props.hypervisor));
  const listId = createUniqueId();
  const options = () => nameOptions(choice(), props.names, props.hypervisor);
  const room = useRoom();
  const modeLocked = useLocked(() => [...path(), 'mode']);
  const networkLocked = useLocked(() => [...path(), 'network']);
  const lease = () => room.results().machines.get(props.vmId)?.leases[props.slot];
  // The engine's word on a network that does not exist (dropped or renamed since: the
  // adapter keeps the old name, as VirtualBox does), at the field that names it.
  const missingNetwork = createMemo((): FieldProblem | undefined => {
    const at = `${formatPath(path())}.network`;
    const found = room
      .results()
      .diagnostics.find((diagnostic) => diagnostic.code === 'missing-network' && diagnostic.path === at);
    return found && { text: say(found.why, found.text), severity: found.severity };
  });

  const onEnable = (on: boolean) =>
    editor.act((doc, origin) =>
      on
        ? enableAdapter(doc, props.vmId, props.slot, origin)
        : disableAdapter(doc, props.vmId, props.slot, origin),
    );
  const onAttach = (value: string) =>
    editor.act((doc, origin) =>
      setFields(doc, attachChanges(path(), value as AttachChoice, props.hypervisor, props.names), origin),
    );
  const onName = (text: string): unknown => {
    // VMware "Custom": naming a VMnet that is a NAT network makes the adapter a NAT-network one.
    if (props.hypervisor === 'vmware' && choice() === 'custom' && text !== '') {
      const mode = customMode(text, props.names);
      if (mode !== asString(adapter().mode)) editor.type([...path(), 'mode'], mode);
    }
    return text === '' ? undefined : text;
  };

  return (
    <div class="adapter-panel">
      <CheckField label={t('enable')} checked={enabled()} onChange={onEnable} />
      <Show when={enabled()} fallback={<p class="empty">{t('notAvailable')}</p>}>
        <div class="field-row">
          <SelectField
            label={adapterWord(props.hypervisor, 'attachedTo')}
            labelAlias={attachedToAlias(props.hypervisor)}
            path={[...path(), 'mode']}
            value={choice()}
            choices={attachChoices(props.hypervisor, locale())}
            onChange={onAttach}
            disabled={modeLocked()}
          />
          <LockMark path={[...path(), 'mode']} />
          <TextField
            label={nameWord(props.hypervisor, choice())}
            labelAlias={nameAlias(props.hypervisor, choice())}
            path={[...path(), 'network']}
            value={networkShown(adapter(), props.hypervisor, props.names)}
            disabled={!nameEditable(choice(), props.hypervisor) || networkLocked()}
            list={listId}
            parse={onName}
            problem={missingNetwork()}
          />
          <datalist id={listId}>
            <For each={options()}>{(name) => <option value={name} />}</For>
          </datalist>
        </div>
        <fieldset class="group">
          <legend>{adapterWord(props.hypervisor, 'advanced')}</legend>
          <div class="field-row">
            <SelectField
              label={adapterWord(props.hypervisor, 'adapterType', props.slot)}
              path={[...path(), 'type']}
              value={asString(adapter().type, DEFAULT_ADAPTER_TYPE[props.hypervisor])}
              choices={ADAPTER_TYPES[props.hypervisor]}
              onChange={(value) => editor.set([...path(), 'type'], value)}
            />
            <Show when={hasPromiscuousMode(props.hypervisor)}>
              <SelectField
                label={t('promiscuous')}
                path={[...path(), 'promiscuous']}
                value={asString(adapter().promiscuous, 'deny')}
                choices={[
                  { value: 'deny', label: t('deny') },
                  { value: 'allow-vms', label: t('allowVms') },
                  { value: 'allow-all', label: t('allowAll') },
                ]}
                onChange={(value) =>
                  editor.set([...path(), 'promiscuous'], value === 'deny' ? undefined : value)
                }
              />
            </Show>
          </div>
          <MacAddress vmId={props.vmId} slot={props.slot} mac={adapter().mac} hypervisor={props.hypervisor} />
          <div class="field-row">
            <Show when={hasCableBox(props.hypervisor)}>
              <CheckField
                label={adapterWord(props.hypervisor, 'cable')}
                path={[...path(), 'cable']}
                checked={adapter().cable !== false}
                onChange={(on) => editor.set([...path(), 'cable'], on ? undefined : false)}
              />
            </Show>
            <Show when={choice() === 'nat' && props.hypervisor === 'virtualbox'}>
              <CheckField
                label={t('localhost')}
                path={[...path(), 'localhostReachable']}
                checked={adapter().localhostReachable === true}
                onChange={(on) => editor.set([...path(), 'localhostReachable'], on ? true : undefined)}
              />
            </Show>
          </div>
          <Show when={choice() === 'nat' && props.hypervisor === 'virtualbox'}>
            <div class="field-row">
              <TextField
                label={t('natNet')}
                mono
                path={[...path(), 'natNet']}
                value={adapter().natNet}
                placeholder={`10.0.${props.slot + 2}.0/24`}
                parse={(text) => (text.trim() === '' ? undefined : text.trim())}
              />
            </div>
            <PortForwardTable path={[...path(), 'portForwards']} rules={adapter().portForwards} />
          </Show>
        </fieldset>
        <GuestAddress
          path={[...path(), 'ip']}
          ip={adapter().ip}
          nic={guestNicName(props.hypervisor, props.slot, props.guestOs ?? 'linux')}
          lease={lease()}
        />
      </Show>
    </div>
  );
}

/**
 * The adapter's MAC address: typed, or generated (VirtualBox's and VMware's button makes a
 * new one; virt-manager has none). Hyper-V's Advanced Features choose Dynamic, from the
 * host's pool (the lab's generated MAC), or Static, a fixed one that can be typed.
 */
function MacAddress(props: { vmId: string; slot: number; mac: unknown; hypervisor: Hypervisor }) {
  const editor = useEditor();
  const path = (): LabPath => ['vms', props.vmId, 'adapters', props.slot, 'mac'];
  const label = () => adapterWord(props.hypervisor, 'mac');
  const isStatic = () => typeof props.mac === 'string';
  const fresh = () => editor.act((doc, origin) => regenerateMac(doc, props.vmId, props.slot, origin));
  const group = createUniqueId();
  return (
    <div class="field-row">
      <Show when={hasDynamicMac(props.hypervisor)}>
        <div class="radio-row align-end" role="radiogroup" aria-label={label()}>
          <label>
            <input
              type="radio"
              name={group}
              checked={!isStatic()}
              onChange={() => editor.set(path(), undefined)}
            />
            {t('dynamic')}
          </label>
          <label>
            <input type="radio" name={group} checked={isStatic()} onChange={fresh} />
            {t('static')}
          </label>
        </div>
      </Show>
      <TextField
        label={label()}
        mono
        path={path()}
        value={props.mac}
        placeholder={t('generated')}
        disabled={hasDynamicMac(props.hypervisor) && !isStatic()}
        parse={(text) => (text.trim() === '' ? undefined : text.trim().replace(/[:-]/g, ''))}
      />
      <Show when={newMacWord(props.hypervisor)}>
        {(word) => (
          <button type="button" class="small-button align-end" onClick={fresh}>
            <span aria-hidden="true">↻ </span>
            {word()}
          </button>
        )}
      </Show>
    </div>
  );
}

/** What the guest sets on this interface: DHCP, or a static address with gateway and DNS. */
/**
 * Switching to Static starts from the address DHCP gave (as a student copies it from
 * `ip addr`), so the lab stays valid; with no lease the address starts empty and says so.
 */
function staticFrom(lease: LeaseView | undefined): Record<string, unknown> {
  const address = lease?.addresses[0];
  if (!address) return { address: '' };
  return lease?.gateway ? { address, gateway: lease.gateway } : { address };
}

export function GuestAddress(props: { path: LabPath; ip: unknown; nic?: string; lease?: LeaseView }) {
  const editor = useEditor();
  const isStatic = () => props.ip !== undefined && props.ip !== 'dhcp';
  const ip = () => asObject(props.ip);
  const group = createUniqueId();
  return (
    <fieldset class="group">
      <legend>
        {t('insideGuest')}
        <Show when={props.nic}> · {props.nic}</Show>
      </legend>
      <div class="radio-row" role="radiogroup" aria-label={t('addressing')}>
        <label>
          <input
            type="radio"
            name={group}
            checked={!isStatic()}
            onChange={() => editor.set(props.path, undefined)}
          />
          {t('dhcp')}
        </label>
        <label>
          <input
            type="radio"
            name={group}
            checked={isStatic()}
            onChange={() => editor.set(props.path, staticFrom(props.lease))}
          />
          {t('static')}
        </label>
      </div>
      <Show when={isStatic()}>
        <div class="field-row">
          <TextField
            label={t('address')}
            mono
            path={[...props.path, 'address']}
            value={ip().address}
            placeholder="10.0.2.15/24"
            parse={(text) => text.trim()}
          />
          <TextField
            label={t('gateway')}
            mono
            path={[...props.path, 'gateway']}
            value={ip().gateway}
            placeholder="10.0.2.2"
            parse={(text) => (text.trim() === '' ? undefined : text.trim())}
          />
          <TextField
            label={t('dns')}
            mono
            path={[...props.path, 'dns']}
            value={ip().dns}
            hint={t('listCommas')}
            parse={listParse}
            format={listFormat}
          />
        </div>
      </Show>
    </fieldset>
  );
}
