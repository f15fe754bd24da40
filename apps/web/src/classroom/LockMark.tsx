/**
 * A field the instructor locked (the lab's `locked` paths): shown as locked, with the
 * pattern that locks it as the reason. Only valid under a RoomPage (it reads the lab).
 * The server undoes a student's write there anyway (CLASS-6); this says so before they try.
 */
import { lockedBy } from '@vnetlab/shared';
import { Show } from 'solid-js';
import { useRoom } from '../room/roomContext';
import { classRole } from './classRole';
import './classroom.css';
import { say } from './words';

export function LockMark(props: { path: readonly (string | number)[] }) {
  const room = useRoom();
  const pattern = () => lockedBy({ locked: room.docs.locked() }, props.path);
  return (
    <Show when={pattern()}>
      {(by) => (
        <span class="lock-mark" data-locked={by()} title={`${say('locked')}: ${by()}`}>
          {say('lockedShort')}
          <span class="visually-hidden">
            : {say('locked')} ({by()})
          </span>
        </span>
      )}
    </Show>
  );
}

/** Whether this person may not change the field: it is locked and they are a student of the class. */
export function useLocked(path: () => readonly (string | number)[]): () => boolean {
  const room = useRoom();
  return () => classRole() === 'student' && lockedBy({ locked: room.docs.locked() }, path()) !== null;
}
