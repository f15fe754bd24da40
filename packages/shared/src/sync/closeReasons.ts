/**
 * Why the server closed a room's sockets with 4000 ("open the room again, fresh"),
 * as the page must tell the cases apart: after a new generation (a broadcast, a reset)
 * the page keeps its last results on screen, marked stale, until the new ones arrive;
 * after a prediction round opened it must drop them (they are the round's answers).
 */
export const ROUND_OPENED_REASON = 'A prediction round opened: open the room with a fresh document';
