/**
 * Where every node of the canvas goes when nobody has dragged it: deterministic, and
 * compact at 100 VMs. Top to bottom, as a teacher draws it on the board: the internet,
 * each LAN's router and switch (devices beside it), the host, then the VMs in blocks,
 * one block per network they share (a wrapped grid under the network's switch, joined
 * by a bus per row), blocks packed in shelves towards a 16:9 picture.
 */
import type { TopoLink, TopologyData, TopoNode } from './topologyData';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Block {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly count: number;
}

export interface TopologyLayout {
  readonly positions: ReadonlyMap<string, Point>;
  /** Bends of links the layout routed along a block's buses (in order from `from`). */
  readonly routes: ReadonlyMap<string, readonly Point[]>;
  readonly blocks: readonly Block[];
  readonly width: number;
  readonly height: number;
}

export const CELL = { width: 172, height: 104 } as const;
const PAD = 16;
const HEAD = 56;
const ROW = { internet: 30, router: 100, lan: 170, host: 250, blocks: 320 } as const;
const GAP = 40;

export function sizeOf(node: TopoNode): Size {
  switch (node.kind) {
    case 'vm':
      return { width: 150, height: 40 };
    case 'host':
      return { width: 230, height: 44 };
    case 'internet':
      return { width: 130, height: 40 };
    // Wide enough for their bold first line at the canvas's 13 px (about 9 px a character
    // in DejaVu Sans Bold): "router 192.168.100.254", and a network's kind and name,
    // clipped at 24 characters (nodeText.ts).
    case 'router':
      return { width: 200, height: 34 };
    case 'device':
      return { width: 120, height: 32 };
    case 'net':
      return node.mode === 'nat' && node.owner ? { width: 64, height: 22 } : { width: 232, height: 38 };
    default: {
      const unexpected: never = node;
      throw new Error(`unknown node ${JSON.stringify(unexpected)}`);
    }
  }
}

const BLOCK_ORDER = ['lan', 'bridged', 'natnetwork', 'hostonly', 'internal', 'nat', 'none'];

export function layoutTopology(data: TopologyData): TopologyLayout {
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const positions = new Map<string, Point>();
  const routes = new Map<string, Point[]>();
  const adapterLinks = new Map<string, TopoLink[]>();
  for (const link of data.links) {
    const list = adapterLinks.get(link.from) ?? [];
    list.push(link);
    adapterLinks.set(link.from, list);
  }
  // A VM goes into the block of the first network it shares with others (not its own NAT).
  const members = new Map<string, string[]>();
  const vms = data.nodes.filter((n) => n.kind === 'vm');
  for (const vm of vms) {
    const shared = (adapterLinks.get(vm.id) ?? []).find((l) => !isOwnNat(byId.get(l.to)));
    const own = (adapterLinks.get(vm.id) ?? []).some((l) => isOwnNat(byId.get(l.to)));
    const key = shared ? shared.to : own ? 'nat' : 'none';
    members.set(key, [...(members.get(key) ?? []), vm.id]);
  }
  for (const node of data.nodes) {
    if (node.kind === 'net' && node.mode !== 'lan' && !isOwnNat(node) && !members.has(node.id))
      members.set(node.id, []);
  }
  const modeOf = (key: string) =>
    byId.get(key)?.kind === 'net' ? (byId.get(key) as { mode: string }).mode : key;
  const keys = [...members.keys()].sort(
    (a, b) => BLOCK_ORDER.indexOf(modeOf(a)) - BLOCK_ORDER.indexOf(modeOf(b)),
  );
  // A column budget for all the VMs, as if they were one grid about twice as wide as
  // tall (the panel's shape), shared among the blocks by their sizes.
  const total = vms.length;
  const budget = Math.max(1, Math.ceil(Math.sqrt((total * 3 * CELL.height) / CELL.width)));
  const blocks = keys.map((key) => {
    const list = members.get(key) ?? [];
    const cols = Math.max(1, Math.min(list.length, Math.round((budget * list.length) / Math.max(total, 1))));
    return shapeBlock(key, list, byId.get(key), cols);
  });
  const area = blocks.reduce((sum, b) => sum + (b.width + GAP) * (b.height + GAP), 0);
  const infraWidth = infraWidthOf(data);
  // One shelf when that still makes a picture no wider than the panel's shape (about
  // 2.4 : 1); otherwise shelves wrapping at the width of a 2 : 1 picture.
  const inLine = blocks.filter((b) => modeOf(b.id) !== 'lan');
  const lineWidth = inLine.reduce((sum, b) => sum + b.width + GAP, -GAP);
  const lineHeight = ROW.blocks + Math.max(0, ...inLine.map((b) => b.height));
  const oneShelf = lineWidth / lineHeight <= 2.4 ? lineWidth : 0;
  const target = Math.max(900, infraWidth, ...blocks.map((b) => b.width), oneShelf || Math.sqrt(area * 2));
  // Shelves: left to right, wrapping at the target width, each shelf centred.
  const placed: Block[] = [];
  let y: number = ROW.blocks;
  let shelf: typeof blocks = [];
  const flush = () => {
    const width = shelf.reduce((s, b) => s + b.width, 0) + GAP * (shelf.length - 1);
    let x = (target - width) / 2;
    const height = Math.max(0, ...shelf.map((b) => b.height));
    for (const block of shelf) {
      placed.push({ id: block.id, x, y, width: block.width, height: block.height, count: block.vms.length });
      placeBlock(block, x, y, byId, adapterLinks, positions, routes);
      x += block.width + GAP;
    }
    y += height + GAP;
    shelf = [];
  };
  let used = 0;
  // Bridged VMs are machines of the LAN: their block stands beside the LAN's switch,
  // left of the host, so that their cables do not seem to plug into the host.
  const beside = blocks.filter((b) => modeOf(b.id) === 'lan');
  for (const block of blocks) {
    if (beside.includes(block)) continue;
    if (shelf.length > 0 && used + block.width > target) {
      flush();
      used = 0;
    }
    shelf.push(block);
    used += block.width + GAP;
  }
  if (shelf.length > 0) flush();
  placeInfra(data, target, positions);
  for (const block of beside) {
    const lan = positions.get(block.id) ?? { x: target / 2, y: ROW.lan };
    const x = lan.x - 200 - block.width;
    const top = ROW.router - 40;
    placed.push({
      id: block.id,
      x,
      y: top,
      width: block.width,
      height: block.height,
      count: block.vms.length,
    });
    placeBlock(block, x, top, byId, adapterLinks, positions, routes);
  }
  return { positions, routes, blocks: placed, width: target, height: y };
}

function isOwnNat(node: TopoNode | undefined): boolean {
  return node?.kind === 'net' && node.mode === 'nat' && node.owner !== undefined;
}

interface Shape {
  id: string;
  vms: string[];
  cols: number;
  width: number;
  height: number;
  net: TopoNode | undefined;
}

function shapeBlock(id: string, vms: string[], net: TopoNode | undefined, cols: number): Shape {
  const rows = Math.ceil(vms.length / cols);
  const ownHead = net && net.kind === 'net' && net.mode !== 'lan';
  // A one-column block is narrower than its network's node: the node would stick out.
  const headWidth = ownHead ? sizeOf(net).width + 12 - 2 * PAD : 0;
  return {
    id,
    vms,
    cols,
    width: Math.max(cols * CELL.width, 180, headWidth) + 2 * PAD,
    height: (ownHead ? HEAD : 24) + rows * CELL.height + PAD,
    net: ownHead ? net : undefined,
  };
}

function placeBlock(
  block: Shape,
  left: number,
  top: number,
  byId: ReadonlyMap<string, TopoNode>,
  adapterLinks: ReadonlyMap<string, TopoLink[]>,
  positions: Map<string, Point>,
  routes: Map<string, Point[]>,
): void {
  const head = block.net ? HEAD : 24;
  // One row: the switch sits centred above its VMs; more rows: at the left, its trunk
  // running down the block's edge past every row's bus.
  const oneRow = block.vms.length <= block.cols;
  // At the left, the whole node inside the block, over the trunk.
  const netX = oneRow
    ? left + block.width / 2
    : left + Math.max(PAD + 80, (block.net ? sizeOf(block.net).width : 0) / 2 + 6);
  const trunk = oneRow ? netX : left + PAD + 12;
  const natTrunk = left + block.width - 10;
  if (block.net) positions.set(block.net.id, { x: netX, y: top + 28 });
  block.vms.forEach((vmId, index) => {
    const rowTop = top + head + Math.floor(index / block.cols) * CELL.height;
    const x = left + PAD + (index % block.cols) * CELL.width + CELL.width / 2;
    const vmTop = rowTop + 38;
    positions.set(vmId, { x, y: vmTop + 20 });
    let nat = 0;
    for (const link of adapterLinks.get(vmId) ?? []) {
      const target = byId.get(link.to);
      if (isOwnNat(target)) {
        const px = x - 42 + nat * 70;
        nat += 1;
        positions.set(link.to, { x: px, y: rowTop + 16 });
        routes.set(link.id, [
          { x: px, y: rowTop + 27 },
          { x: px, y: vmTop },
        ]);
        routes.set(`${link.to}>host`, [
          { x: px, y: rowTop + 5 },
          { x: px, y: rowTop + 1 },
          { x: natTrunk, y: rowTop + 1 },
          { x: natTrunk, y: top + 6 },
        ]);
      } else if (!block.net && link.to === block.id) {
        // A LAN block: a bus over the row, out of the block's right edge towards the LAN.
        routes.set(link.id, [
          { x: x + 40, y: vmTop },
          { x: x + 40, y: rowTop + 32 },
          { x: natTrunk, y: rowTop + 32 },
        ]);
      } else if (block.net && link.to === block.net.id) {
        routes.set(link.id, [
          { x: x + 40, y: vmTop },
          { x: x + 40, y: rowTop + 32 },
          { x: trunk, y: rowTop + 32 },
          { x: trunk, y: top + 47 },
        ]);
      }
    }
  });
}

function infraWidthOf(data: TopologyData): number {
  const lans = data.nodes.filter((n) => n.kind === 'net' && n.mode === 'lan').length;
  const devices = data.nodes.filter((n) => n.kind === 'device').length;
  return lans * 260 + devices * 140 + 200;
}

/** The internet, each LAN (router above its switch, devices to its right), the host. */
function placeInfra(data: TopologyData, width: number, positions: Map<string, Point>): void {
  const lans = data.nodes.filter((n) => n.kind === 'net' && n.mode === 'lan');
  const devicesOf = (lan: string) => data.nodes.filter((n) => n.kind === 'device' && n.lan === lan);
  const spans = lans.map((lan) => 260 + devicesOf(lan.label).length * 140);
  const total = spans.reduce((a, b) => a + b, 0);
  // The first LAN's switch sits right above the host: the spine of the picture.
  let x = lans.length <= 1 ? width / 2 - 130 : (width - total) / 2;
  positions.set('internet', { x: width / 2, y: ROW.internet });
  lans.forEach((lan, i) => {
    const cx = x + 130;
    positions.set(lan.id, { x: cx, y: ROW.lan });
    positions.set(`router:${lan.label}`, { x: cx, y: ROW.router });
    for (const [j, device] of devicesOf(lan.label).entries()) {
      positions.set(device.id, { x: cx + 200 + j * 140, y: ROW.lan });
    }
    x += spans[i] ?? 260;
  });
  positions.set('host', { x: width / 2, y: ROW.host });
  if (lans.length > 1 || lans.length === 0) return;
  // One LAN: the internet straight above its router.
  const router = positions.get(`router:${lans[0]!.label}`);
  if (router) positions.set('internet', { x: router.x, y: ROW.internet });
}
