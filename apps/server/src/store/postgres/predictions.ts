/** Predict-then-observe rounds in PostgreSQL (migration 3), as classes/predictionStore.ts. */
import { type PredictionStore, type RoundRow, roundOf } from '../../classes/predictionStore';
import type { Db } from './db';

export function postgresPredictions(db: Db): PredictionStore {
  const latest = 'SELECT * FROM prediction_rounds WHERE class = $1 ORDER BY round DESC LIMIT 1';
  return {
    open: (next) =>
      db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`round:${next.classId}`]);
        const [current] = await tx.query<RoundRow>(latest, [next.classId]);
        const round = (current?.round ?? 0) + 1;
        await tx.query(
          'INSERT INTO prediction_rounds (class, round, label, opened_at, cells) VALUES ($1, $2, $3, $4, $5)',
          [next.classId, round, next.label, next.openedAt, JSON.stringify(next.cells)],
        );
        return { ...next, round, revealedAt: null };
      }),
    async current(classId) {
      const [row] = await db.query<RoundRow>(latest, [classId]);
      return row && roundOf(row);
    },
    async reveal(classId, round, at) {
      await db.query('UPDATE prediction_rounds SET revealed_at = $1 WHERE class = $2 AND round = $3', [
        at,
        classId,
        round,
      ]);
    },
    async answer(classId, round, member, answers, at) {
      await db.query(
        `INSERT INTO predictions (class, round, member, answers, answered_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (class, round, member) DO UPDATE SET answers = excluded.answers, answered_at = excluded.answered_at`,
        [classId, round, member, JSON.stringify(answers), at],
      );
    },
    async answers(classId, round) {
      const rows = await db.query<{ member: string; answers: string }>(
        'SELECT member, answers FROM predictions WHERE class = $1 AND round = $2',
        [classId, round],
      );
      return new Map(rows.map((row) => [row.member, JSON.parse(row.answers)]));
    },
  };
}
