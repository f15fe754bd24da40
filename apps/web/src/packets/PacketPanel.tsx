import { shareUnchanged } from '../util/shareUnchanged';
import './packets.css';
/**
 * Pick from, to and kind; the packet travels along the canvas (Topology plays it) and
 * its hops are listed here, the current one marked, with the reason at the end. When
 * the results' revision moves (someone's edit), the same probe is asked again and
 * replays if its path or verdict changed.
 */
import { createEffect, createMemo, createSignal, For, Index, on, Show } from 'solid-js';
import { say } from '../i18n/locale';
import { useRoom } from '../room/roomContext';
import { parsedLab } from '../topology/parsedLab';
import { type PacketSpec, packet, packetStep, playPacket } from './packetStore';
import { actionWord, packetWord } from './words';

export interface Endpoint {
  readonly id: string;
  readonly name: string;
}

let lastEndpoints: { key: string; list: Endpoint[] } = { key: '[]', list: [] };

/**
 * Everything a probe may start from: VMs by their names, the host, LAN devices. The
 * same array while the list is unchanged, so that the pickers' options (100 VMs and
 * more) are not rebuilt on every edit of the lab.
 */
export function endpointsOf(raw: Record<string, unknown>): Endpoint[] {
  const lab = parsedLab(raw);
  if (!lab) return [];
  const list = endpointList(lab);
  const key = JSON.stringify(list);
  if (key !== lastEndpoints.key) lastEndpoints = { key, list };
  return lastEndpoints.list;
}

function endpointList(lab: NonNullable<ReturnType<typeof parsedLab>>): Endpoint[] {
  return [
    ...lab.vms.map((vm) => ({ id: vm.id, name: vm.name })),
    { id: 'host', name: packetWord('host') },
    ...lab.lans.flatMap((lan) => lan.devices.map((d) => ({ id: d.id, name: d.id }))),
  ];
}

/** A hop's node in words: VMs by their names, NAT engines by their VM and adapter. */
export function hopName(id: string, nameOfVm: (id: string) => string | undefined): string {
  const named = nameOfVm(id);
  if (named) return named;
  if (id === 'internet') return packetWord('internet');
  if (id === 'host') return packetWord('host');
  const nat = /^nat:(.+)\/(\d+)$/.exec(id);
  if (nat) return `${packetWord('natOf')} ${nameOfVm(nat[1]!) ?? nat[1]} #${Number(nat[2]) + 1}`;
  const router = /^router:(.+)$/.exec(id);
  if (router) return `${packetWord('router')} ${router[1]}`;
  const natnet = /^natnet:(.+)$/.exec(id);
  if (natnet) return `${packetWord('natService')} ${natnet[1]}`;
  return id;
}

export function PacketPanel() {
  const room = useRoom();
  // The same objects while the list is the same: its <option>s are then left alone on an edit.
  const endpoints = createMemo<ReturnType<typeof endpointsOf>>((prev) =>
    shareUnchanged(prev, endpointsOf(room.docs.lab())),
  );
  const names = createMemo(() => new Map(endpoints().map((e) => [e.id, e.name])));
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [kind, setKind] = createSignal<'ping' | 'tcp'>('ping');
  const [port, setPort] = createSignal(22);
  const chosenFrom = () => from() || endpoints()[0]?.id || '';
  const chosenTo = () => to() || endpoints()[1]?.id || 'internet';
  const spec = (): PacketSpec =>
    kind() === 'ping'
      ? { from: chosenFrom(), to: chosenTo(), kind: 'ping' }
      : { from: chosenFrom(), to: chosenTo(), kind: 'tcp', port: port() };
  // A matrix click sets the packet: the pickers follow it.
  createEffect(
    on(packet, (state) => {
      if (state.kind === 'idle') return;
      setFrom(state.spec.from);
      setTo(state.spec.to);
      setKind(state.spec.kind);
      if (state.spec.port) setPort(state.spec.port);
    }),
  );
  createEffect(
    on(
      () => room.results().revision,
      () => {
        const state = packet();
        if (state.kind === 'shown') void playPacket(room.route, state.spec, true);
      },
      { defer: true },
    ),
  );
  const nameOf = (id: string) => hopName(id, (vm) => names().get(vm));
  return (
    <div class="packet-panel">
      <form
        class="packet-form"
        onSubmit={(event) => {
          event.preventDefault();
          void playPacket(room.route, spec());
        }}
      >
        <label>
          {packetWord('from')}
          <select
            aria-label={packetWord('from')}
            value={chosenFrom()}
            onChange={(e) => setFrom(e.currentTarget.value)}
          >
            <Index each={endpoints()}>{(e) => <option value={e().id}>{e().name}</option>}</Index>
          </select>
        </label>
        <label>
          {packetWord('to')}
          <select
            aria-label={packetWord('to')}
            value={chosenTo()}
            onChange={(e) => setTo(e.currentTarget.value)}
          >
            <Index each={endpoints()}>{(e) => <option value={e().id}>{e().name}</option>}</Index>
            <option value="internet">{packetWord('internet')}</option>
          </select>
        </label>
        <label>
          {packetWord('kind')}
          <select
            aria-label={packetWord('kind')}
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value === 'tcp' ? 'tcp' : 'ping')}
          >
            <option value="ping">ping</option>
            <option value="tcp">tcp</option>
          </select>
        </label>
        <Show when={kind() === 'tcp'}>
          <label>
            {packetWord('port')}
            <input
              type="number"
              min="1"
              max="65535"
              value={port()}
              onInput={(e) => setPort(Number(e.currentTarget.value) || 1)}
            />
          </label>
        </Show>
        <button type="submit" class="primary">
          {packetWord('send')}
        </button>
      </form>
      <PacketSteps nameOf={nameOf} />
    </div>
  );
}

function PacketSteps(props: { nameOf: (id: string) => string }) {
  const state = packet;
  return (
    <Show when={state().kind !== 'idle'} fallback={<p class="muted">{packetWord('pick')}</p>}>
      <Show when={state().kind === 'asking'}>
        <p class="muted" role="status">
          {packetWord('asking')}
        </p>
      </Show>
      <Show
        when={(() => {
          const s = state();
          return s.kind === 'failed' ? s : null;
        })()}
      >
        {(failed) => (
          <p class="bad" role="alert">
            {failed().error}
          </p>
        )}
      </Show>
      <Show
        when={(() => {
          const s = state();
          return s.kind === 'shown' ? s : null;
        })()}
      >
        {(shown) => (
          <>
            <p class="packet-title">
              <strong>{props.nameOf(shown().spec.from)}</strong> →{' '}
              <strong>{props.nameOf(shown().spec.to)}</strong> (
              {shown().spec.kind === 'ping' ? 'ping' : `tcp/${shown().spec.port}`})
            </p>
            <Show
              when={shown().answer.hops.length > 0}
              fallback={<p class="muted">{packetWord('noHops')}</p>}
            >
              <ol class="hop-list" aria-label={packetWord('hops')}>
                <For each={shown().answer.hops}>
                  {(hop, i) => (
                    <li
                      class={`hop action-${hop.action} dir-${hop.dir}`}
                      classList={{ current: packetStep() === i(), done: packetStep() > i() }}
                      aria-current={packetStep() === i() ? 'step' : undefined}
                      data-node={hop.node}
                      data-action={hop.action}
                    >
                      <span class="hop-node">{props.nameOf(hop.node)}</span>
                      <span class="hop-action">{actionWord(hop.action)}</span>
                      <span class="hop-dir muted">{packetWord(hop.dir === 'back' ? 'back' : 'out')}</span>
                      <span class="hop-detail">{say(hop.why, hop.detail)}</span>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
            <Show when={packetStep() >= shown().answer.hops.length - 1}>
              <p class={`packet-reason ${shown().answer.reachable ? 'ok' : 'bad'}`} role="status">
                <strong>{packetWord(shown().answer.reachable ? 'reached' : 'notReached')}:</strong>{' '}
                {say(shown().answer.why, shown().answer.reason)}
              </p>
            </Show>
          </>
        )}
      </Show>
    </Show>
  );
}
