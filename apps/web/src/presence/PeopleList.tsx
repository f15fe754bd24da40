import { For, Show } from 'solid-js';
import { useRoom } from '../room/roomContext';
import { usePresence } from './createPresence';
import './presence.css';
import { Wheel } from './Wheel';
import { driveWord, presenceWord as w } from './words';

/**
 * Who is in the room (DESIGN.md: a list `People in this room`, an item per person by
 * display name), this page first and marked "you"; a partner's button follows them.
 */
export function PeopleList() {
  const presence = usePresence();
  return (
    <ul class="people" aria-label={w('people')}>
      <For each={presence.people()}>
        {(person) => (
          <li
            class="person"
            classList={{ self: person.self, followed: presence.following()?.clientID === person.clientID }}
            aria-label={person.name || w('noName')}
            data-client={person.clientID}
            style={{ '--person': person.colour }}
          >
            <Show
              when={!person.self}
              fallback={
                <span class="person-chip">
                  <span class="person-dot" aria-hidden="true">
                    {person.initials}
                  </span>
                  <span class="person-name">{person.name || w('noName')}</span>
                  <DrivingBadge clientID={person.clientID} />
                  <span class="person-you">
                    ({w('you')}
                    {person.projector ? ` · ${w('projector')}` : ''})
                  </span>
                </span>
              }
            >
              <button
                type="button"
                class="person-chip"
                aria-pressed={presence.following()?.clientID === person.clientID}
                title={`${w('follow')} ${person.name}`}
                onClick={() =>
                  presence.follow(presence.following()?.clientID === person.clientID ? null : person.clientID)
                }
              >
                <span class="person-dot" aria-hidden="true">
                  {person.initials}
                </span>
                <span class="person-name">{person.name}</span>
                <DrivingBadge clientID={person.clientID} />
                <Show when={person.projector}>
                  <span class="person-vm muted"> · {w('projector')}</span>
                </Show>
                <Show when={person.openVm}>
                  <span class="person-vm muted"> · {person.openVm}</span>
                </Show>
              </button>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}

/** A wheel and "driving" beside the driver's name. */
function DrivingBadge(props: { clientID: number }) {
  const presence = usePresence();
  return (
    <Show when={presence.drive.driver()?.clientID === props.clientID}>
      <span class="person-driving" data-driving="">
        <Wheel /> {driveWord('driving')}
      </span>
    </Show>
  );
}

/**
 * "Following Ana — Stop": shown while this page follows a partner's view. A VM's
 * settings dialog is modal (the page behind it is inert), so while one is open the bar
 * is the dialog's (`inDialog`), else the page's: one bar, always reachable.
 */
export function FollowBar(props: { inDialog?: boolean }) {
  const presence = usePresence();
  const room = useRoom();
  const here = () => (room.openVm() !== null) === (props.inDialog ?? false);
  return (
    <Show when={here() && presence.following()}>
      {(partner) => (
        <div class="follow-bar" role="status" style={{ '--person': partner().colour }}>
          <span>
            {w('following')} <strong>{partner().name}</strong>
            <Show when={partner().openVm}> · {partner().openVm}</Show>
          </span>
          <button type="button" onClick={() => presence.follow(null)}>
            {w('stopFollowing')}
          </button>
        </div>
      )}
    </Show>
  );
}

/** Partners' initials on a VM they have open (the VM list, the canvas, the dialog). */
export function VmPresenceBadges(props: { vmId: string }) {
  const presence = usePresence();
  const here = () => presence.peopleWithVmOpen(props.vmId);
  return (
    <Show when={here().length > 0}>
      <span
        class="presence-badges"
        role="img"
        aria-label={`${here()
          .map((p) => p.name)
          .join(', ')} ${w('hasOpen')} ${props.vmId}`}
      >
        <For each={here()}>
          {(person) => (
            <span class="person-dot" style={{ '--person': person.colour }} title={person.name}>
              {person.initials}
            </span>
          )}
        </For>
      </span>
    </Show>
  );
}
