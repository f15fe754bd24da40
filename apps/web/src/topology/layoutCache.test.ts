import { parseLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { createLayoutCache } from './layoutCache';
import { layoutTopology } from './layoutTopology';
import { bigLab } from './layoutTopology.test';
import { topologyData } from './topologyData';

function data(file: unknown) {
  const parsed = parseLab(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return topologyData({ lab: parsed.lab, machines: new Map(), diagnostics: [], file: file as never });
}

describe('createLayoutCache', () => {
  it('hands back the same layout for an edit that moves nothing (a rename, a cable pulled)', () => {
    const layout = createLayoutCache();
    const lab = bigLab(12) as { vms: Record<string, { name?: string; adapters: { cable?: boolean }[] }> };
    const first = layout(data(lab));
    lab.vms.vm3!.name = 'web server';
    lab.vms.vm4!.adapters[1]!.cable = false;
    expect(layout(data(lab))).toBe(first);
    expect(layout.computed()).toBe(1);
  });

  it('lays out again when a VM, a network or a link changes, exactly as from scratch', () => {
    const layout = createLayoutCache();
    const lab = bigLab(12) as { vms: Record<string, { adapters: { mode: string; network?: string }[] }> };
    const first = layout(data(lab));
    lab.vms.vm13 = { adapters: [{ mode: 'nat' }] };
    const added = layout(data(lab));
    expect(added).not.toBe(first);
    expect(added).toEqual(layoutTopology(data(lab)));
    lab.vms.vm2!.adapters[1] = { mode: 'internal', network: 'elsewhere' };
    const moved = layout(data(lab));
    expect(moved).not.toBe(added);
    expect(moved).toEqual(layoutTopology(data(lab)));
    expect(layout.computed()).toBe(3);
  });
});
