/**
 * The packet on screen: which probe was asked, the engine's answer with its hops, and
 * how far the animation has got. One per page (a page shows one room); the matrix, the
 * packet panel and the canvas all read it.
 */
import type { Why } from '@vnetlab/shared';
import { createSignal } from 'solid-js';
import type { RoomRoute } from '../room/parseRoute';
import type { HopView } from './packetSteps';

export interface PacketSpec {
  readonly from: string;
  readonly to: string;
  readonly kind: 'ping' | 'tcp';
  readonly port?: number;
}

export interface PacketHop extends HopView {
  readonly why: Why | null;
}

export interface PacketAnswer {
  readonly reachable: boolean;
  readonly via: string | null;
  readonly hops: readonly PacketHop[];
  readonly reason: string;
  readonly why: Why | null;
}

export type PacketState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'asking'; readonly spec: PacketSpec }
  | {
      readonly kind: 'shown';
      readonly spec: PacketSpec;
      readonly answer: PacketAnswer;
      readonly play: number;
    }
  | { readonly kind: 'failed'; readonly spec: PacketSpec; readonly error: string };

const [packet, setPacket] = createSignal<PacketState>({ kind: 'idle' });
/** The hop the dot has reached (-1: none yet). */
const [packetStep, setPacketStep] = createSignal(-1);
let plays = 0;

export { packet, packetStep, setPacketStep };

/** No packet on screen (a prediction round opened: the one shown would give an answer away). */
export function clearPacket(): void {
  setPacket({ kind: 'idle' });
  setPacketStep(-1);
}

export async function askProbe(route: RoomRoute, spec: PacketSpec): Promise<PacketAnswer> {
  const response = await fetch(`/api/labs/${encodeURIComponent(route.room)}/probe`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${route.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(spec),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(typeof body.error === 'string' ? body.error : `HTTP ${response.status}`);
  return body as unknown as PacketAnswer;
}

/**
 * Asks for the probe and plays it. `onlyIfChanged`: a re-ask after someone's edit,
 * which replays only when the path or the verdict is not the one on screen.
 */
export async function playPacket(route: RoomRoute, spec: PacketSpec, onlyIfChanged = false): Promise<void> {
  const before = packet();
  if (!onlyIfChanged) setPacket({ kind: 'asking', spec });
  try {
    const answer = await askProbe(route, spec);
    const now = packet();
    if (now.kind !== 'idle' && !sameSpec(now.spec, spec)) return; // another packet was asked meanwhile
    if (onlyIfChanged && before.kind === 'shown' && sameAnswer(before.answer, answer)) return;
    setPacketStep(-1);
    setPacket({ kind: 'shown', spec, answer, play: ++plays });
  } catch (error) {
    if (!onlyIfChanged) setPacket({ kind: 'failed', spec, error: (error as Error).message });
  }
}

export function sameSpec(a: PacketSpec, b: PacketSpec): boolean {
  return a.from === b.from && a.to === b.to && a.kind === b.kind && (a.port ?? 0) === (b.port ?? 0);
}

function sameAnswer(a: PacketAnswer, b: PacketAnswer): boolean {
  const key = (x: PacketAnswer) =>
    JSON.stringify([x.reachable, x.via, x.hops.map((h) => [h.node, h.action, h.detail])]);
  return key(a) === key(b);
}
