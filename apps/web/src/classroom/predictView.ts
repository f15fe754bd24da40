/**
 * A prediction round (`GET /api/classes/:class/predict`, README "Classes") as the pages
 * read it: the cells to predict, and after the reveal the engine's answer, its reason,
 * how many got it wrong, the misconceptions and a student's score. Parsed defensively.
 */
import type { Why } from '@vnetlab/shared';
import { whyOf } from '../results/resultsView';
import { asArray, asBoolean, asNumber, asObject, asString } from '../util/json';

export interface PredictCell {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** `ping` or `tcp/PORT`. */
  readonly probe: string;
  readonly kind: 'ping' | 'tcp';
  readonly port: number | null;
  /** After the reveal. */
  readonly reachable: boolean | null;
  readonly why: Why | null;
  readonly answered: number;
  readonly wrong: number;
}

export interface RoundView {
  readonly round: number;
  readonly label: string;
  readonly revealed: boolean;
  readonly cells: readonly PredictCell[];
  /** Students who answered. */
  readonly students: number;
  /** This student's answers (a student's view). */
  readonly mine: Readonly<Record<string, boolean>>;
  /** Cell keys, most often wrong first (after the reveal). */
  readonly misconceptions: readonly string[];
  readonly score: { readonly right: number; readonly of: number } | null;
}

export function roundView(json: unknown): RoundView | null {
  const body = asObject(json);
  if (typeof body.round !== 'number') return null;
  const mine: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(asObject(body.mine)))
    if (typeof value === 'boolean') mine[key] = value;
  const score = asObject(body.score);
  return {
    round: body.round,
    label: asString(body.label),
    revealed: typeof body.revealedAt === 'number',
    cells: asArray(body.cells).map((value): PredictCell => {
      const cell = asObject(value);
      const kind = asString(cell.kind);
      return {
        key: asString(cell.key),
        from: asString(cell.from),
        to: asString(cell.to),
        probe: kind === 'tcp' ? `tcp/${asNumber(cell.port)}` : 'ping',
        kind: kind === 'tcp' ? 'tcp' : 'ping',
        port: kind === 'tcp' ? asNumber(cell.port) : null,
        reachable: asBoolean(cell.reachable) ?? null,
        why: whyOf(cell.why),
        answered: asNumber(cell.answered),
        wrong: asNumber(cell.wrong),
      };
    }),
    students: asNumber(body.students),
    mine,
    misconceptions: asArray(body.misconceptions).map((key) => asString(key)),
    score: typeof score.right === 'number' ? { right: score.right, of: asNumber(score.of) } : null,
  };
}

/** The misconceptions as cells, most often wrong first. */
export function misconceptionCells(round: RoundView): PredictCell[] {
  const byKey = new Map(round.cells.map((cell) => [cell.key, cell]));
  return round.misconceptions.flatMap((key) => {
    const cell = byKey.get(key);
    return cell ? [cell] : [];
  });
}
