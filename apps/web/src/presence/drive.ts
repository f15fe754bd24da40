/**
 * Who drives a pair's room, decided from awareness alone (never in the lab): every page
 * reads the same states and so names the same driver, and the hand-over is a handshake
 * in three published fields, one per person:
 *
 * - the driver's state says `driver: true`;
 * - an asker's says `ask: {of: driverID, at}` (`at` tells one request from the next);
 * - the driver answers with `handTo: askerID` (then the asker claims `driver: true` and
 *   the driver, seeing it, lets go) or `declined: {to: askerID, at}` (the asker stops asking).
 *
 * Two pages that claim at once (nobody drove, or both saw the driver leave) are settled by
 * key order: the first keeps the wheel, the other sees it and lets go.
 */

export interface DriveState {
  readonly driver: boolean;
  /** The driver's yes: the client who may take over. */
  readonly handTo: number | null;
  /** This person asks `of` (the driver they saw) for the wheel. */
  readonly ask: { readonly of: number; readonly at: number } | null;
  /** The driver's no to the request `at` of `to`. */
  readonly declined: { readonly to: number; readonly at: number } | null;
}

export const NOT_DRIVING: DriveState = { driver: false, handTo: null, ask: null, declined: null };

const isID = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A published `drive` field as this page reads it, without trusting its shape. */
export function driveOf(raw: unknown): DriveState {
  const d = (raw ?? {}) as Record<string, unknown>;
  const ask = (d.ask ?? {}) as Record<string, unknown>;
  const declined = (d.declined ?? {}) as Record<string, unknown>;
  return {
    driver: d.driver === true,
    handTo: isID(d.handTo) ? d.handTo : null,
    ask: isID(ask.of) && isID(ask.at) ? { of: ask.of, at: ask.at } : null,
    declined: isID(declined.to) && isID(declined.at) ? { to: declined.to, at: declined.at } : null,
  };
}

/** What drive.ts needs of a person (peers.ts's Person has it). */
export interface Driving {
  readonly clientID: number;
  readonly key: string;
  readonly drive: DriveState;
}

/**
 * The room's driver, or null: of those who claim the wheel, one who handed it to another
 * claimant has let go already; of the rest, the first by key (then client id).
 */
export function driverOf<P extends Driving>(people: readonly P[]): P | null {
  const claimants = people.filter((p) => p.drive.driver);
  const holding = claimants.filter((p) => !claimants.some((q) => q !== p && q.clientID === p.drive.handTo));
  const ordered = [...holding].sort(
    (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.clientID - b.clientID,
  );
  return ordered[0] ?? null;
}

/** The partners asking `driver` for the wheel now (not yet answered no), first asked first. */
export function askersOf<P extends Driving>(people: readonly P[], driver: P | null): P[] {
  if (!driver) return [];
  const declined = driver.drive.declined;
  return people
    .filter((p) => p !== driver && p.drive.ask?.of === driver.clientID)
    .filter((p) => !(declined && declined.to === p.clientID && declined.at === p.drive.ask?.at))
    .sort((a, b) => a.drive.ask!.at - b.drive.ask!.at || a.clientID - b.clientID);
}

/**
 * What `self`'s page publishes next, given everybody's states (self among them): the
 * steps of the handshake that are this page's to take. The same state back: nothing to do.
 */
export function nextDrive<P extends Driving>(people: readonly P[], self: P): DriveState {
  const mine = self.drive;
  const driver = driverOf(people);
  let next = mine;
  // The driver said yes to me: I take the wheel.
  if (!mine.driver && mine.ask && driver?.clientID === mine.ask.of && driver.drive.handTo === self.clientID) {
    return { ...NOT_DRIVING, driver: true };
  }
  // The driver I asked being gone is no yes: this page's own disconnect removes every state
  // it hears (y-websocket), so taking the wheel then would make two drivers. The request
  // lapses below, and with nobody driving, Drive is one click.
  // I claim but another holds the wheel (I handed it over, or lost a tie): I let go.
  if (mine.driver && driver && driver !== self) next = { ...NOT_DRIVING };
  // My request is answered no, or its driver is gone or no longer drives: I stop asking.
  if (mine.ask) {
    const asked = people.find((p) => p.clientID === mine.ask!.of);
    const refused = asked?.drive.declined?.to === self.clientID && asked.drive.declined.at === mine.ask.at;
    if (refused || driver?.clientID !== mine.ask.of) next = { ...next, ask: null };
  }
  // My yes went to someone who is gone or stopped asking: it lapses.
  if (next.handTo !== null) {
    const asker = people.find((p) => p.clientID === next.handTo);
    if (asker?.drive.ask?.of !== self.clientID && !asker?.drive.driver) next = { ...next, handTo: null };
  }
  // My no is read once its request is withdrawn.
  if (next.declined) {
    const asker = people.find((p) => p.clientID === next.declined!.to);
    if (asker?.drive.ask?.at !== next.declined.at) next = { ...next, declined: null };
  }
  return next;
}

export const sameDrive = (a: DriveState, b: DriveState) =>
  a.driver === b.driver &&
  a.handTo === b.handTo &&
  a.ask?.of === b.ask?.of &&
  a.ask?.at === b.ask?.at &&
  a.declined?.to === b.declined?.to &&
  a.declined?.at === b.declined?.at;
