/**
 * Which cells of the reachability matrix flipped between two computations: a pair that
 * answered and does not any more, or the other way round. Cells that appear or vanish
 * (a machine added or removed) are not flips; the lab change already says so.
 */
export interface CellFlip {
  readonly from: string;
  readonly to: string;
  /** "ping" or "tcp/22", as the page labels its grids. */
  readonly probe: string;
  /** The cell's new state. */
  readonly reachable: boolean;
}

export const MAX_FLIPS = 40;

interface Cell {
  readonly from: string;
  readonly to: string;
  readonly probe: string;
  readonly reachable: boolean;
}

export function matrixFlips(before: unknown, after: unknown, maxFlips = MAX_FLIPS): CellFlip[] {
  const old = new Map(cellsOf(before).map((cell) => [keyOf(cell), cell]));
  const flips: CellFlip[] = [];
  for (const cell of cellsOf(after)) {
    const previous = old.get(keyOf(cell));
    if (previous && previous.reachable !== cell.reachable) flips.push(cell);
    if (flips.length === maxFlips) break;
  }
  return flips;
}

function cellsOf(matrix: unknown): Cell[] {
  if (typeof matrix !== 'object' || matrix === null) return [];
  const cells = (matrix as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return [];
  const out: Cell[] = [];
  for (const raw of cells) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { from, to, kind, port, reachable } = raw as Record<string, unknown>;
    if (typeof from !== 'string' || typeof to !== 'string' || typeof reachable !== 'boolean') continue;
    const probe = kind === 'tcp' && typeof port === 'number' ? `tcp/${port}` : String(kind ?? 'ping');
    out.push({ from, to, probe, reachable });
  }
  return out;
}

const keyOf = (cell: Cell) => `${cell.from}\u0000${cell.to}\u0000${cell.probe}`;
