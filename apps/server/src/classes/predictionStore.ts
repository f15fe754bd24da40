/** Predict-then-observe rounds in the store (migration 2); asynchronous like `ClassStore`. */
import type Database from 'better-sqlite3';

export interface PredictionCell {
  /** `FROM>TO:ping` or `FROM>TO:tcp/PORT`. */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly kind: 'ping' | 'tcp';
  readonly port: number | null;
  /** The engine's answer: kept from students until the reveal. */
  readonly reachable: boolean;
  readonly why: unknown;
}

export interface PredictionRound {
  readonly classId: string;
  readonly round: number;
  readonly label: string;
  readonly openedAt: number;
  readonly revealedAt: number | null;
  readonly cells: readonly PredictionCell[];
}

export interface PredictionStore {
  open(round: Omit<PredictionRound, 'round' | 'revealedAt'>): Promise<PredictionRound>;
  current(classId: string): Promise<PredictionRound | undefined>;
  reveal(classId: string, round: number, at: number): Promise<void>;
  answer(
    classId: string,
    round: number,
    member: string,
    answers: Record<string, boolean>,
    at: number,
  ): Promise<void>;
  /** Member id -> their answers. */
  answers(classId: string, round: number): Promise<Map<string, Record<string, boolean>>>;
}

export interface RoundRow {
  class: string;
  round: number;
  label: string;
  opened_at: number;
  revealed_at: number | null;
  cells: string;
}

export function roundOf(row: RoundRow): PredictionRound {
  return {
    classId: row.class,
    round: row.round,
    label: row.label,
    openedAt: row.opened_at,
    revealedAt: row.revealed_at,
    cells: JSON.parse(row.cells),
  };
}

export function createPredictionStore(db: Database.Database): PredictionStore {
  const q = {
    latest: db.prepare<[string], RoundRow>(
      'SELECT * FROM prediction_rounds WHERE class = ? ORDER BY round DESC LIMIT 1',
    ),
    insert: db.prepare(
      'INSERT INTO prediction_rounds (class, round, label, opened_at, cells) VALUES (@class, @round, @label, @opened_at, @cells)',
    ),
    reveal: db.prepare<[number, string, number]>(
      'UPDATE prediction_rounds SET revealed_at = ? WHERE class = ? AND round = ?',
    ),
    answer: db.prepare(
      `INSERT INTO predictions (class, round, member, answers, answered_at) VALUES (@class, @round, @member, @answers, @at)
       ON CONFLICT (class, round, member) DO UPDATE SET answers = excluded.answers, answered_at = excluded.answered_at`,
    ),
    answers: db.prepare<[string, number], { member: string; answers: string }>(
      'SELECT member, answers FROM predictions WHERE class = ? AND round = ?',
    ),
  };
  const open = db.transaction((next: Omit<PredictionRound, 'round' | 'revealedAt'>): PredictionRound => {
    const round = (q.latest.get(next.classId)?.round ?? 0) + 1;
    q.insert.run({
      class: next.classId,
      round,
      label: next.label,
      opened_at: next.openedAt,
      cells: JSON.stringify(next.cells),
    });
    return { ...next, round, revealedAt: null };
  });
  return {
    open: async (next) => open(next),
    async current(classId) {
      const row = q.latest.get(classId);
      return row && roundOf(row);
    },
    async reveal(classId, round, at) {
      q.reveal.run(at, classId, round);
    },
    async answer(classId, round, member, answers, at) {
      q.answer.run({ class: classId, round, member, answers: JSON.stringify(answers), at });
    },
    async answers(classId, round) {
      return new Map(q.answers.all(classId, round).map((row) => [row.member, JSON.parse(row.answers)]));
    },
  };
}
