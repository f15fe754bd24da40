import { parseLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { boundsOf, placedOf } from './geometry';
import { layoutTopology } from './layoutTopology';
import { topologyData } from './topologyData';

function data(file: unknown) {
  const parsed = parseLab(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return topologyData({ lab: parsed.lab, machines: new Map(), diagnostics: [] });
}

export function bigLab(count: number) {
  const vms: Record<string, unknown> = {};
  for (let i = 1; i <= count; i++) {
    vms[`vm${i}`] = {
      adapters: [{ mode: 'nat' }, { mode: 'internal', network: i % 2 ? 'left' : 'right' }],
    };
  }
  return { format: 'vnetlab/1', vms };
}

describe('layoutTopology', () => {
  it('puts the internet above the router, the LAN, the host, then the VMs', () => {
    const layout = layoutTopology(data({ format: 'vnetlab/1', vms: { a: { adapters: [{ mode: 'nat' }] } } }));
    const y = (id: string) => layout.positions.get(id)?.y ?? Number.NaN;
    expect(y('internet')).toBeLessThan(y('router:home'));
    expect(y('router:home')).toBeLessThan(y('lan:home'));
    expect(y('lan:home')).toBeLessThan(y('host'));
    expect(y('host')).toBeLessThan(y('nat:a/0'));
    expect(y('nat:a/0')).toBeLessThan(y('vm:a'));
  });

  it('keeps 100 VMs in a picture about as wide as a screen, not a strip', () => {
    const d = data(bigLab(100));
    const layout = layoutTopology(d);
    const box = boundsOf(d.nodes.map((n) => placedOf(n, layout.positions.get(n.id)!)));
    expect(box.width / box.height).toBeLessThan(3);
    expect(box.width).toBeLessThan(4000);
    // one block per network the VMs share, each holding its VMs
    expect(layout.blocks.map((b) => [b.id, b.count])).toEqual([
      ['internal:left', 50],
      ['internal:right', 50],
    ]);
  });

  it('places every node, never two VMs on one spot, and is deterministic', () => {
    const d = data(bigLab(30));
    const layout = layoutTopology(d);
    expect(d.nodes.every((n) => layout.positions.has(n.id))).toBe(true);
    const spots = d.nodes
      .filter((n) => n.kind === 'vm')
      .map((n) => JSON.stringify(layout.positions.get(n.id)));
    expect(new Set(spots).size).toBe(spots.length);
    expect(layoutTopology(d)).toEqual(layout);
  });
});
