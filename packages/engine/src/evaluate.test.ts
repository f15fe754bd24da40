import { describe, expect, it } from 'vitest';
import { evaluateLab, ROOM_MATRIX_LIMIT } from './evaluate';
import { labOf } from './testing/labs';

const labOfSize = (vms: number) =>
  labOf({
    vms: Object.fromEntries(
      Array.from({ length: vms }, (_, i) => [`vm${i}`, { adapters: [{ mode: 'hostonly' }] }]),
    ),
  });

describe('evaluateLab', () => {
  it('computes goals, matrix, diagnostics and machines', () => {
    const results = evaluateLab(labOfSize(3));
    // 4 sources, each: ping the 3 others, and ping, tcp/80, tcp/443 to the internet.
    expect(results.matrix.cells.length).toBe(4 * (3 + 3));
    expect(results.machines.map((machine) => machine.id)).toEqual(['host', 'vm0', 'vm1', 'vm2']);
  });

  it('leaves the matrix out past the room limit, and says so', () => {
    const results = evaluateLab(labOfSize(ROOM_MATRIX_LIMIT));
    expect(results.matrix.cells).toEqual([]);
    expect(results.matrix.omitted).toEqual({ machines: ROOM_MATRIX_LIMIT + 1, limit: ROOM_MATRIX_LIMIT });
    expect(results.diagnostics.map((d) => d.code)).toContain('matrix-omitted');
  });
});
