/**
 * Why a student cannot edit here (the class paused, the stage, another group's room),
 * shown where the editing would be; `data-read-only` names the reason for tests.
 */
import { Show } from 'solid-js';
import { type ReadOnlyReason, readOnlyReason } from './classRole';
import './classroom.css';
import { say } from './words';

export const readOnlyText = (reason: ReadOnlyReason): string =>
  say(reason === 'paused' ? 'readOnlyPaused' : reason === 'stage' ? 'readOnlyStage' : 'readOnlySpotlight');

export function ReadOnlyNote() {
  return (
    <Show when={readOnlyReason()}>
      {(reason) => (
        <p class="read-only-note" role="status" data-read-only={reason()}>
          <strong>{say('readOnly')}</strong> {readOnlyText(reason())}
        </p>
      )}
    </Show>
  );
}

/** True while this page may not edit the lab (see classRole.ts). */
export const isReadOnly = (): boolean => readOnlyReason() !== null;
