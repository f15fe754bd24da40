/**
 * The lab's networks, as VirtualBox's Network Manager (or VMware's Virtual Network
 * Editor) shows them: NAT networks, host-only networks with their DHCP server, internal
 * networks' (LAN segments') DHCP, the LAN with its devices, the host's NICs and sharing.
 */
import {
  addHostOnlyNetwork,
  addLanDevice,
  addNatNetwork,
  insertItem,
  type LabPath,
  removeItem,
  setField,
} from '@vnetlab/shared';
import { createEffect, For, Index, type JSX, Show } from 'solid-js';
import { ReadOnlyNote } from '../classroom/ReadOnlyNote';
import { ViewingBar } from '../history/HistoryPanel';
import { useRoom } from '../room/roomContext';
import { asArray, asObject, asString, type Json } from '../util/json';
import { GuestAddress } from './AdapterPanel';
import { useEditor } from './createEditor';
import { CheckField, listFormat, listParse, SelectField, TextField } from './fields';
import { networkNames } from './modes';
import { nw } from './networkWords';
import { PortForwardTable } from './PortForwardTable';

const trim = (text: string): unknown => (text.trim() === '' ? undefined : text.trim());

export function NetworksDialog(props: { open: boolean; onClose: () => void }) {
  const room = useRoom();
  const editor = useEditor();
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  const vmware = () => room.docs.lab().hypervisor === 'vmware';
  return (
    <dialog
      ref={dialog}
      class="vm-dialog networks-dialog"
      aria-labelledby="networks-title"
      onClose={props.onClose}
    >
      <Show when={props.open}>
        <header class="dialog-header">
          <h2 id="networks-title">{vmware() ? nw('titleVmware') : nw('title')}</h2>
          <button type="button" class="small-button" onClick={props.onClose}>
            {nw('close')}
          </button>
        </header>
        <ViewingBar />
        <ReadOnlyNote />
        <fieldset class="read-only-fields" disabled={editor.readOnly()}>
          <div class="dialog-body">
            <NatNetworks />
            <HostOnlyNetworks />
            <InternalNetworks />
            <Lans />
            <HostPanel />
          </div>
        </fieldset>
      </Show>
    </dialog>
  );
}

function Section(props: { title: string; children: JSX.Element; onAdd?: () => void; addLabel?: string }) {
  return (
    <section class="group net-section" aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.children}
      <Show when={props.onAdd}>
        <button type="button" class="small-button" onClick={() => props.onAdd?.()}>
          <span aria-hidden="true">+ </span>
          {props.addLabel}
        </button>
      </Show>
    </section>
  );
}

function RemoveButton(props: { label: string; path: LabPath }) {
  const editor = useEditor();
  return (
    <button
      type="button"
      class="small-button danger"
      aria-label={props.label}
      onClick={() => editor.act((doc, origin) => setField(doc, props.path, undefined, origin))}
    >
      {nw('remove')}
    </button>
  );
}

function entries(value: unknown): [string, Json][] {
  return Object.entries(asObject(value)).map(([key, item]) => [key, asObject(item)]);
}

function NatNetworks() {
  const room = useRoom();
  const editor = useEditor();
  const nets = () => entries(room.docs.lab().natNetworks);
  const vmware = () => room.docs.lab().hypervisor === 'vmware';
  return (
    <Section
      title={vmware() ? nw('natVmware') : nw('natNetworks')}
      addLabel={vmware() ? nw('addVmnetNat') : nw('addNatNetwork')}
      onAdd={() => editor.act((doc, origin) => addNatNetwork(doc, origin))}
    >
      <Show
        when={nets().length > 0}
        fallback={<p class="empty">{vmware() ? nw('defaultHostOnly') : nw('none')}</p>}
      >
        <Index each={nets()}>
          {(entry) => {
            const name = () => entry()[0];
            const net = () => entry()[1];
            const path = (field: string): LabPath => ['natNetworks', name(), field];
            return (
              <div class="net-item" data-network={name()}>
                <h4>{name()}</h4>
                <div class="field-row">
                  <TextField label={nw('cidr')} mono path={path('cidr')} value={net().cidr} parse={trim} />
                  <CheckField
                    label={nw('dhcpServer')}
                    path={path('dhcp')}
                    checked={net().dhcp !== false}
                    onChange={(on) => editor.set(path('dhcp'), on ? undefined : false)}
                  />
                  <Show when={vmware()}>
                    <TextField
                      label={nw('hostAdapter')}
                      mono
                      path={path('hostAdapter')}
                      value={net().hostAdapter}
                      parse={trim}
                    />
                  </Show>
                  <RemoveButton label={`${nw('remove')} ${name()}`} path={['natNetworks', name()]} />
                </div>
                <PortForwardTable path={path('portForwards')} rules={net().portForwards} />
              </div>
            );
          }}
        </Index>
      </Show>
    </Section>
  );
}

/** A DHCP server `{server, from, to}` or none (`null`), as the host-only and internal networks have. */
function DhcpServer(props: { path: LabPath; dhcp: unknown; fallback: () => Json; defaultOn?: boolean }) {
  const editor = useEditor();
  // Host-only networks have the product's DHCP server unless the file says null (lab-format.md).
  const on = () => props.dhcp !== null && (props.dhcp !== undefined || props.defaultOn === true);
  const dhcp = () => asObject(props.dhcp);
  // DHCP-3: options 3 and 6 by hand are VirtualBox's (--set-opt) and VMware's (vmnetdhcp.conf).
  const room = useRoom();
  const optionsAllowed = () =>
    ['virtualbox', 'vmware'].includes(asString(room.docs.lab().hypervisor, 'virtualbox'));
  // Editing one bound of the default server writes the whole server first, so the lab stays valid.
  const materialize = () => {
    if (props.dhcp === undefined && props.defaultOn) editor.set(props.path, props.fallback());
  };
  return (
    <div class="field-row" onFocusIn={materialize}>
      <CheckField
        label={nw('dhcpServer')}
        path={props.path}
        checked={on()}
        onChange={(enabled) => editor.set(props.path, enabled ? props.fallback() : null)}
      />
      <Show when={on()}>
        <For each={['server', 'from', 'to'] as const}>
          {(bound) => (
            <TextField
              label={nw(bound)}
              mono
              path={[...props.path, bound]}
              value={dhcp()[bound]}
              placeholder={String(props.fallback()[bound] ?? '')}
              parse={trim}
            />
          )}
        </For>
        <Show when={optionsAllowed()}>
          <TextField
            label={nw('dhcpRouter')}
            mono
            path={[...props.path, 'options', 'router']}
            value={asObject(dhcp().options).router}
            parse={trim}
          />
          <TextField
            label={nw('dhcpDns')}
            mono
            path={[...props.path, 'options', 'dns']}
            value={asObject(dhcp().options).dns}
            parse={listParse}
            format={listFormat}
          />
        </Show>
      </Show>
    </div>
  );
}

function HostOnlyNetworks() {
  const room = useRoom();
  const editor = useEditor();
  const nets = () => entries(room.docs.lab().hostOnlyNetworks);
  const vmware = () => room.docs.lab().hypervisor === 'vmware';
  return (
    <Section
      title={vmware() ? nw('hostOnlyVmware') : nw('hostOnlyNetworks')}
      addLabel={vmware() ? nw('addVmnetHostOnly') : nw('addHostOnly')}
      onAdd={() => editor.act((doc, origin) => addHostOnlyNetwork(doc, origin))}
    >
      <Show when={nets().length > 0} fallback={<p class="empty">{nw('defaultHostOnly')}</p>}>
        <Index each={nets()}>
          {(entry) => {
            const name = () => entry()[0];
            const path = (field: string): LabPath => ['hostOnlyNetworks', name(), field];
            const defaultIp = () => (vmware() ? '192.168.100.1/24' : '192.168.56.1/24');
            const prefix = () => asString(entry()[1].hostIp, defaultIp()).replace(/\.\d+\/\d+$/, '');
            const range = () =>
              vmware()
                ? { server: `${prefix()}.254`, from: `${prefix()}.128`, to: `${prefix()}.253` }
                : { server: `${prefix()}.100`, from: `${prefix()}.101`, to: `${prefix()}.254` };
            return (
              <div class="net-item" data-network={name()}>
                <h4>{name()}</h4>
                <div class="field-row">
                  <TextField
                    label={nw('hostIp')}
                    mono
                    path={path('hostIp')}
                    value={entry()[1].hostIp}
                    placeholder={defaultIp()}
                    parse={trim}
                  />
                  <RemoveButton label={`${nw('remove')} ${name()}`} path={['hostOnlyNetworks', name()]} />
                </div>
                <DhcpServer defaultOn path={path('dhcp')} dhcp={entry()[1].dhcp} fallback={range} />
              </div>
            );
          }}
        </Index>
      </Show>
    </Section>
  );
}

function InternalNetworks() {
  const room = useRoom();
  const names = () => networkNames(room.docs.lab()).internal;
  const configured = () => asObject(room.docs.lab().internalNetworks);
  const vmware = () => room.docs.lab().hypervisor === 'vmware';
  return (
    <Section title={vmware() ? nw('lanSegments') : nw('internalNetworks')}>
      <p class="muted">{nw('internalHint')}</p>
      <For each={names()}>
        {(name) => (
          <div class="net-item" data-network={name}>
            <h4>{name}</h4>
            <DhcpServer
              path={['internalNetworks', name, 'dhcp']}
              dhcp={asObject(configured()[name]).dhcp}
              fallback={() => ({ server: '10.10.0.1', from: '10.10.0.100', to: '10.10.0.199' })}
            />
          </div>
        )}
      </For>
    </Section>
  );
}

function Lans() {
  const room = useRoom();
  const editor = useEditor();
  // With no LAN in the file the lab has the default one, `home` (lab-format.md).
  const lans = () => {
    const listed = entries(room.docs.lab().lans);
    return listed.length > 0 ? listed : ([['home', {}]] as [string, Json][]);
  };
  return (
    <Section title={nw('lans')}>
      <Index each={lans()}>
        {(entry) => {
          const name = () => entry()[0];
          const lan = () => entry()[1];
          const path = (field: string): LabPath => ['lans', name(), field];
          const devices = () => entries(lan().devices);
          return (
            <div class="net-item" data-lan={name()}>
              <h4>{name()}</h4>
              <div class="field-row">
                <TextField
                  label={nw('cidr')}
                  mono
                  path={path('cidr')}
                  value={lan().cidr}
                  placeholder="192.168.1.0/24"
                  parse={trim}
                />
                <TextField
                  label={nw('router')}
                  mono
                  path={path('gateway')}
                  value={lan().gateway}
                  placeholder="192.168.1.1"
                  parse={trim}
                />
                <CheckField
                  label={nw('internet')}
                  path={path('internet')}
                  checked={lan().internet !== false}
                  onChange={(on) => editor.set(path('internet'), on ? undefined : false)}
                />
              </div>
              <h5>{nw('devices')}</h5>
              <Index each={devices()}>
                {(device) => {
                  const id = () => device()[0];
                  const devicePath = (field: string): LabPath => ['lans', name(), 'devices', id(), field];
                  return (
                    <div class="device-item" data-device={id()}>
                      <div class="field-row">
                        <strong>{id()}</strong>
                        <TextField
                          label={`${nw('listen')} (${id()})`}
                          mono
                          path={devicePath('listen')}
                          value={device()[1].listen}
                          placeholder="tcp/22"
                          parse={listParse}
                          format={listFormat}
                        />
                        <RemoveButton
                          label={`${nw('remove')} ${id()}`}
                          path={['lans', name(), 'devices', id()]}
                        />
                      </div>
                      <GuestAddress path={devicePath('ip')} ip={device()[1].ip} />
                    </div>
                  );
                }}
              </Index>
              <button
                type="button"
                class="small-button"
                onClick={() => editor.act((doc, origin) => addLanDevice(doc, name(), origin))}
              >
                <span aria-hidden="true">+ </span>
                {nw('addDevice')}
              </button>
            </div>
          );
        }}
      </Index>
    </Section>
  );
}

function HostPanel() {
  const room = useRoom();
  const editor = useEditor();
  const host = () => asObject(room.docs.lab().host);
  const nics = () => entries(host().nics);
  const shares = () => asArray(host().share).map(asObject);
  const lanNames = () => {
    const names = Object.keys(asObject(room.docs.lab().lans));
    return names.length > 0 ? names : ['home'];
  };
  const hostOnly = () => networkNames(room.docs.lab()).hostonly;
  const nicNames = () => (nics().length > 0 ? nics().map(([name]) => name) : ['eth0']);
  // WIN-8: a Windows host's connection is a Private or a Public network (Hyper-V hosts are Windows).
  const windowsHost = () =>
    (host().os ?? (room.docs.lab().hypervisor === 'hyperv' ? 'windows' : 'linux')) === 'windows';
  return (
    <Section title={nw('host')}>
      <h5>{nw('hostNics')}</h5>
      <Show when={nics().length > 0} fallback={<p class="empty">{nw('defaultNic')}</p>}>
        <Index each={nics()}>
          {(entry) => {
            const name = () => entry()[0];
            const path = (field: string): LabPath => ['host', 'nics', name(), field];
            return (
              <div class="field-row" data-nic={name()}>
                <strong>{name()}</strong>
                <SelectField
                  label={`${nw('kind')} (${name()})`}
                  path={path('kind')}
                  value={asString(entry()[1].kind, 'ethernet')}
                  choices={[
                    { value: 'ethernet', label: nw('ethernet') },
                    { value: 'wifi', label: nw('wifi') },
                  ]}
                  onChange={(value) => editor.set(path('kind'), value)}
                />
                <SelectField
                  label={`${nw('lan')} (${name()})`}
                  path={path('lan')}
                  value={asString(entry()[1].lan, lanNames()[0])}
                  choices={lanNames().map((lan) => ({ value: lan, label: lan }))}
                  onChange={(value) => editor.set(path('lan'), value)}
                />
                <Show when={windowsHost()}>
                  <SelectField
                    label={`${nw('profile')} (${name()})`}
                    path={path('profile')}
                    value={asString(entry()[1].profile, 'private')}
                    choices={[
                      { value: 'private', label: nw('profilePrivate') },
                      { value: 'public', label: nw('profilePublic') },
                    ]}
                    onChange={(value) => editor.set(path('profile'), value === 'private' ? undefined : value)}
                  />
                </Show>
                <RemoveButton label={`${nw('remove')} ${name()}`} path={['host', 'nics', name()]} />
              </div>
            );
          }}
        </Index>
      </Show>
      <button
        type="button"
        class="small-button"
        onClick={() =>
          editor.act((doc, origin) => {
            const taken = new Set(nics().map(([name]) => name));
            let n = 0;
            while (taken.has(`eth${n}`)) n++;
            setField(
              doc,
              ['host', 'nics', `eth${n}`],
              { kind: 'ethernet', lan: lanNames()[0], ip: 'dhcp' },
              origin,
            );
          })
        }
      >
        <span aria-hidden="true">+ </span>
        {nw('addNic')}
      </button>
      <h5>{nw('sharing')}</h5>
      <p class="muted">{nw('sharingHint')}</p>
      <Index each={shares()}>
        {(share, index) => (
          <div class="field-row">
            <SelectField
              label={`${nw('shareNetwork')} ${index + 1}`}
              path={['host', 'share', index, 'network']}
              value={asString(share().network)}
              choices={hostOnly().map((name) => ({ value: name, label: name }))}
              onChange={(value) => editor.set(['host', 'share', index, 'network'], value)}
            />
            <SelectField
              label={`${nw('shareVia')} ${index + 1}`}
              path={['host', 'share', index, 'via']}
              value={asString(share().via)}
              choices={nicNames().map((name) => ({ value: name, label: name }))}
              onChange={(value) => editor.set(['host', 'share', index, 'via'], value)}
            />
            <button
              type="button"
              class="small-button danger"
              onClick={() => editor.act((doc, origin) => removeItem(doc, ['host', 'share'], index, origin))}
            >
              {nw('remove')}
            </button>
          </div>
        )}
      </Index>
      <button
        type="button"
        class="small-button"
        onClick={() =>
          editor.act((doc, origin) =>
            insertItem(
              doc,
              ['host', 'share'],
              { network: hostOnly()[0] ?? 'vboxnet0', via: nicNames()[0] ?? 'eth0' },
              origin,
            ),
          )
        }
      >
        <span aria-hidden="true">+ </span>
        {nw('addShare')}
      </button>
    </Section>
  );
}
