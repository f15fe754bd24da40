/** The words on a node of the canvas, in the page's language. */
import type { Hypervisor } from '@vnetlab/shared';
import { nodeKindLine } from '../lab/kindWords';
import type { Badge, NetMode, TopoNode } from './topologyData';
import { topologyWord } from './words';

/** A network's kind in the lab's product's words (kindWords.ts), then its name. */
function netLine(mode: NetMode, hypervisor: Hypervisor, name: string): string {
  return mode === 'lan' ? `${topologyWord('lan')} · ${name}` : nodeKindLine(hypervisor, mode, name);
}

/** The first line (bold) and the second (small) of a node. */
export function nodeLines(node: TopoNode, hypervisor: Hypervisor): [string, string] {
  switch (node.kind) {
    case 'vm':
      return [clip(node.label, 18), ''];
    case 'host':
      return [`${topologyWord('host')} · ${node.nics.join(', ')}`, ''];
    case 'internet':
      return [topologyWord('internet'), ''];
    case 'router':
      return [`${topologyWord('router')} ${node.label}`, ''];
    case 'device':
      return [clip(node.label, 16), ''];
    case 'net':
      if (node.mode === 'nat' && node.owner) return ['NAT', ''];
      return [clip(netLine(node.mode, hypervisor, node.label), 24), node.detail];
    default: {
      const unexpected: never = node;
      throw new Error(`unknown node ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The line under a VM: what is wrong with it, in words. */
export function badgeLine(badges: readonly Badge[]): string {
  return badges
    .map((badge) => {
      switch (badge.kind) {
        case 'not-started':
          return `⊘ ${topologyWord('notStarted')}`;
        case 'no-address':
          return `⚠ ${topologyWord('noAddress')}`;
        case 'diagnostics':
          return `ⓘ ${badge.count}`;
        default: {
          const unexpected: never = badge;
          throw new Error(`unknown badge ${JSON.stringify(unexpected)}`);
        }
      }
    })
    .join('  ');
}

/** The tooltip of a node: everything, unclipped. */
export function nodeTitle(node: TopoNode, hypervisor: Hypervisor): string {
  const [first, second] = nodeLines(node, hypervisor);
  const full = node.kind === 'vm' || node.kind === 'device' ? node.label : first;
  const badges =
    node.kind === 'vm' ? node.badges.map((b) => (b.kind === 'not-started' ? b.text : '')).join(' ') : '';
  return [full, second, node.kind === 'vm' ? badgeLine(node.badges) : '', badges].filter(Boolean).join('\n');
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
