/** Properties that hold for every lab (fast-check). */
import { type Lab, parseLab } from '@vnetlab/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileNetwork } from './compile/compileNetwork';
import { evaluateLab } from './evaluate';
import { computeMatrix } from './matrix/matrix';
import { probe } from './probe/probe';
import { arbitraryLab } from './testing/arbitraryLab';

function parsed(file: unknown): Lab {
  const result = parseLab(file);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lab;
}

// Hundreds of generated labs each: on a machine shared by several test runs the default 5 s is too tight.
describe('engine properties', { timeout: 30_000 }, () => {
  it('any schema-valid lab: no throw, and the same bytes twice', () => {
    fc.assert(
      fc.property(arbitraryLab(), (file) => {
        const once = JSON.stringify(evaluateLab(parsed(file)));
        const twice = JSON.stringify(evaluateLab(parsed(structuredClone(file))));
        expect(twice).toBe(once);
      }),
      { numRuns: 150 },
    );
  });

  it('VM ↔ VM reachability is symmetric on bridged, host-only and internal networks', () => {
    fc.assert(
      fc.property(arbitraryLab({ modes: ['bridged', 'hostonly', 'internal'], dhcpOnly: true }), (file) => {
        for (const machine of Object.values(file.vms)) {
          machine.firewall = undefined;
          machine.ipForwarding = false;
        }
        const network = compileNetwork(parsed(file));
        const ids = Object.keys(file.vms);
        for (const a of ids) {
          for (const b of ids) {
            if (a >= b) continue;
            const there = probe(network, { from: a, to: b, kind: 'ping' }).reachable;
            const back = probe(network, { from: b, to: a, kind: 'ping' }).reachable;
            expect(back, `${a} ↔ ${b}`).toBe(there);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a VM with no attached adapter reaches nothing and nothing reaches it', () => {
    fc.assert(
      fc.property(arbitraryLab(), fc.boolean(), (file, unplug) => {
        const cut = unplug ? [{ mode: 'hostonly', cable: false }] : [{ mode: 'none' }, { mode: 'none' }];
        const lab = parsed({ ...file, vms: { ...file.vms, island: { adapters: cut, listen: ['tcp/22'] } } });
        const cells = computeMatrix(compileNetwork(lab)).cells;
        const touching = cells.filter((cell) => cell.from === 'island' || cell.to === 'island');
        expect(touching.length).toBeGreaterThan(0);
        expect(touching.filter((cell) => cell.reachable)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('removing a port forward never makes something newly reachable', () => {
    fc.assert(
      fc.property(arbitraryLab(), fc.nat(), (file, pick) => {
        const rules: { remove: () => void }[] = [];
        for (const machine of Object.values(file.vms)) {
          for (const adapter of machine.adapters) {
            const list = (adapter as { portForwards?: unknown[] }).portForwards;
            for (let index = 0; index < (list?.length ?? 0); index++) {
              rules.push({ remove: () => list?.splice(index, 1) });
            }
          }
        }
        const natForwards = Object.values(file.natNetworks)[0]!.portForwards;
        for (let index = 0; index < natForwards.length; index++) {
          rules.push({ remove: () => natForwards.splice(index, 1) });
        }
        fc.pre(rules.length > 0);
        const before = reachableCells(parsed(structuredClone(file)));
        rules[pick % rules.length]!.remove();
        const after = reachableCells(parsed(file));
        for (const cell of after) expect(before.has(cell), cell).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

function reachableCells(lab: Lab): Set<string> {
  const cells = computeMatrix(compileNetwork(lab)).cells;
  return new Set(
    cells
      .filter((cell) => cell.reachable)
      .map((cell) => `${cell.from}>${cell.to}:${cell.kind}${cell.port ?? ''}`),
  );
}
