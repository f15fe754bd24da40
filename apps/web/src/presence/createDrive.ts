/**
 * Passing the wheel in a pair (drive.ts decides who drives): this page takes its steps of
 * the handshake as partners' states arrive, announces each new driver, and follows the
 * driver's view (the existing follow: their open dialog and canvas) whenever the wheel
 * passes to a partner; "Stop following" still works, until the next hand-over.
 */
import { type Accessor, createEffect, createSignal, on } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import { askersOf, type DriveState, driverOf, NOT_DRIVING, nextDrive, sameDrive } from './drive';
import type { Person } from './peers';

export interface Drive {
  /** Who drives the room now, or null. */
  readonly driver: Accessor<Person | null>;
  /** Partners asking this page (the driver) for the wheel, first asked first. */
  readonly askers: Accessor<Person[]>;
  /** The driver this page asks, while it asks. */
  readonly asking: Accessor<Person | null>;
  /** The driver who last said no to this page, until it asks again. */
  readonly refusedBy: Accessor<Person | null>;
  /** Nobody drives: this page does. A partner drives: this page asks them. */
  readonly takeOver: () => void;
  readonly cancelAsk: () => void;
  readonly stopDriving: () => void;
  readonly letDrive: (asker: Person) => void;
  readonly keepDriving: (asker: Person) => void;
}

export function createDrive(
  awareness: Awareness,
  people: Accessor<readonly Person[]>,
  follow: (clientID: number | null) => void,
): Drive {
  const self = () => people().find((p) => p.self);
  const mine = (): DriveState => self()?.drive ?? NOT_DRIVING;
  const publish = (next: DriveState) => {
    if (!sameDrive(next, mine())) awareness.setLocalStateField('drive', next);
  };
  const driver = () => driverOf(people());
  const [refusedByID, setRefusedByID] = createSignal<number | null>(null);

  createEffect(() => {
    const me = self();
    if (!me) return;
    const next = nextDrive(people(), me);
    if (me.drive.ask && !next.ask && !next.driver) {
      // My request ended without the wheel: a no, if the driver I asked still drives.
      if (driver()?.clientID === me.drive.ask.of) setRefusedByID(me.drive.ask.of);
    }
    publish(next);
  });

  // Each hand-over: a partner who now drives is followed; this page driving follows nobody.
  createEffect(
    on(
      () => driver()?.clientID ?? null,
      (id) => {
        if (id === null) return;
        follow(driver()?.self ? null : id);
      },
      { defer: true },
    ),
  );

  return {
    driver,
    askers: () => (driver()?.self ? askersOf(people(), driver()) : []),
    asking: () => {
      const ask = mine().ask;
      return ask ? (people().find((p) => p.clientID === ask.of) ?? null) : null;
    },
    refusedBy: () => {
      const id = refusedByID();
      // "Ana keeps driving" only while she does: not after she stops or hands the wheel on.
      if (id === null || mine().ask || driver()?.clientID !== id) return null;
      return people().find((p) => p.clientID === id && !p.self) ?? null;
    },
    takeOver: () => {
      const current = driver();
      setRefusedByID(null);
      if (!current) publish({ ...NOT_DRIVING, driver: true });
      else if (!current.self) publish({ ...NOT_DRIVING, ask: { of: current.clientID, at: Date.now() } });
    },
    cancelAsk: () => publish({ ...mine(), ask: null }),
    stopDriving: () => publish(NOT_DRIVING),
    letDrive: (asker) => publish({ ...mine(), handTo: asker.clientID }),
    keepDriving: (asker) => {
      const ask = asker.drive.ask;
      if (ask) publish({ ...mine(), declined: { to: asker.clientID, at: ask.at } });
    },
  };
}
