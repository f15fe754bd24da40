import { For, Show } from 'solid-js';
import { readOnlyReason } from '../classroom/classRole';
import { isStageView } from '../classroom/stageNames';
import { useRoom } from '../room/roomContext';
import { usePresence } from './createPresence';
import { Wheel } from './Wheel';
import { driveWord as w } from './words';

/**
 * Who drives, and the buttons to pass the wheel: "Take over" asks the driver, who answers
 * "Let them drive" or "Keep driving" here. Its status line announces each new driver. Like
 * the follow bar it is the open VM dialog's while one is open (the page behind is inert).
 */
export function DriveBar(props: { inDialog?: boolean }) {
  const presence = usePresence();
  const room = useRoom();
  const drive = presence.drive;
  const here = () => (room.openVm() !== null) === (props.inDialog ?? false);
  const partners = () => presence.people().filter((p) => !p.self && !p.projector).length;
  // Nobody steers the stage or a spotlighted room from a student's seat: the class watches them.
  const watched = () => readOnlyReason() === 'stage' || readOnlyReason() === 'spotlight';
  const shown = () =>
    !isStageView(location.search) && !watched() && here() && (partners() > 0 || drive.driver() !== null);
  const driver = () => drive.driver();
  return (
    <Show when={shown()}>
      <section
        class="drive-bar"
        aria-label={w('driveBar')}
        style={{ '--person': driver()?.colour ?? 'var(--line)' }}
      >
        <span class="drive-status" role="status">
          <Wheel />{' '}
          <Show when={driver()} fallback={w('nobody')}>
            {(who) => (
              <Show when={!who().self} fallback={w('youDrive')}>
                <strong>{who().name}</strong> {w('isDriving')}
              </Show>
            )}
          </Show>
          <Show when={drive.refusedBy()}>
            {(who) => (
              <span class="muted">
                {' '}
                · {who().name} {w('keeps')}
              </span>
            )}
          </Show>
        </span>
        <span class="drive-actions">
          <Show
            when={drive.asking()}
            fallback={
              <Show
                when={driver()?.self}
                fallback={
                  <button type="button" onClick={() => drive.takeOver()}>
                    {driver() ? w('takeOver') : w('drive')}
                  </button>
                }
              >
                <button type="button" onClick={() => drive.stopDriving()}>
                  {w('stopDriving')}
                </button>
              </Show>
            }
          >
            {(asked) => (
              <>
                <span class="muted">
                  {w('asking')} {asked().name} {w('toAnswer')}
                </span>
                <button type="button" onClick={() => drive.cancelAsk()}>
                  {w('cancel')}
                </button>
              </>
            )}
          </Show>
        </span>
        <For each={drive.askers()}>
          {(asker) => (
            <fieldset
              class="drive-ask"
              aria-label={`${asker.name} ${w('asks')}`}
              style={{ '--person': asker.colour }}
            >
              <span>
                <strong>{asker.name}</strong> {w('asks')}
              </span>
              <button type="button" onClick={() => drive.letDrive(asker)}>
                {w('letDrive')}
              </button>
              <button type="button" onClick={() => drive.keepDriving(asker)}>
                {w('keepDriving')}
              </button>
            </fieldset>
          )}
        </For>
      </section>
    </Show>
  );
}
