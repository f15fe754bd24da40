import { describe, expect, it } from 'vitest';
import { askersOf, type DriveState, type Driving, driveOf, driverOf, NOT_DRIVING, nextDrive } from './drive';

const person = (clientID: number, key: string, drive: Partial<DriveState> = {}): Driving => ({
  clientID,
  key,
  drive: { ...NOT_DRIVING, ...drive },
});

/** Runs every page's step until nobody has one left: what the room settles on. */
function settle(people: Driving[]): Driving[] {
  for (let round = 0; round < 10; round++) {
    const next = people.map((p) => ({ ...p, drive: nextDrive(people, p) }));
    if (next.every((p, i) => p.drive === people[i]!.drive)) return people;
    people = next;
  }
  throw new Error('the handshake does not settle');
}

describe('who drives', () => {
  it('reads a published drive field without trusting it', () => {
    expect(driveOf({ driver: 'yes', handTo: -1, ask: { of: 3 }, declined: 7 })).toEqual(NOT_DRIVING);
    expect(driveOf({ driver: true, ask: { of: 3, at: 9 } })).toEqual({
      ...NOT_DRIVING,
      driver: true,
      ask: { of: 3, at: 9 },
    });
  });

  it('names one driver when two claim at once: the first by key, and the other lets go', () => {
    const room = [person(2, 'Ben', { driver: true }), person(1, 'Ana', { driver: true })];
    expect(driverOf(room)?.key).toBe('Ana');
    const settled = settle(room);
    expect(settled.map((p) => p.drive.driver)).toEqual([false, true]);
  });

  it('hands over on a yes: the asker claims, the driver lets go', () => {
    const ana = person(1, 'Ana', { driver: true });
    const ben = person(2, 'Ben', { ask: { of: 1, at: 100 } });
    expect(askersOf([ana, ben], ana).map((p) => p.key)).toEqual(['Ben']);
    const yes = { ...ana, drive: { ...ana.drive, handTo: 2 } };
    // Until Ben claims, Ana still drives; then Ben does, on every page.
    expect(driverOf([yes, ben])?.key).toBe('Ana');
    const settled = settle([yes, ben]);
    expect(driverOf(settled)?.key).toBe('Ben');
    expect(settled.map((p) => p.drive)).toEqual([NOT_DRIVING, { ...NOT_DRIVING, driver: true }]);
  });

  it('keeps the wheel on a no: the asker stops asking, and may ask again', () => {
    const ana = person(1, 'Ana', { driver: true, declined: { to: 2, at: 100 } });
    const ben = person(2, 'Ben', { ask: { of: 1, at: 100 } });
    expect(askersOf([ana, ben], ana)).toEqual([]);
    const settled = settle([ana, ben]);
    expect(settled.map((p) => p.drive)).toEqual([{ ...NOT_DRIVING, driver: true }, NOT_DRIVING]);
    // A new request is a new question, even before Ana's no was read.
    const again = person(2, 'Ben', { ask: { of: 1, at: 200 } });
    expect(askersOf([ana, again], ana).map((p) => p.key)).toEqual(['Ben']);
  });

  it('drops the request, and does not take the wheel, when the driver asked is gone (it may be this page that went offline)', () => {
    const ben = person(2, 'Ben', { ask: { of: 1, at: 100 } });
    expect(settle([ben])[0]!.drive).toEqual(NOT_DRIVING);
    // …but not while someone else drives.
    const cleo = person(3, 'Cleo', { driver: true });
    expect(settle([ben, cleo])[0]!.drive).toEqual(NOT_DRIVING);
  });
});
