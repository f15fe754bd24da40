/** Rooms and their token hashes in PostgreSQL (`rooms`, migration 1). */
import type { RoomDirectory, RoomRecord } from '../types';
import type { Db } from './db';

export function postgresRooms(db: Db): RoomDirectory {
  return {
    async createRoom(record: RoomRecord) {
      await db.query('INSERT INTO rooms (room, token_hash, created_at) VALUES ($1, $2, $3)', [
        record.room,
        record.tokenHash,
        record.createdAt,
      ]);
    },
    async getRoom(room) {
      const [row] = await db.query<{ room: string; token_hash: string; created_at: number }>(
        'SELECT room, token_hash, created_at FROM rooms WHERE room = $1',
        [room],
      );
      return row && { room: row.room, tokenHash: row.token_hash, createdAt: row.created_at };
    },
  };
}
