/**
 * One group on the dashboard: who is in it (online dots, raised hands), each goal met
 * (green) or the reason it is not (red), how long since a goal last turned green, and
 * what the instructor can do to it (open, reset, spotlight).
 */
import { For, Show } from 'solid-js';
import { locale, say as sayWhy } from '../i18n/locale';
import { groupLabel } from './createNow';
import {
  editingText,
  formatDuration,
  type GoalView,
  type GroupView,
  goalText,
  type MemberView,
} from './progressView';
import { say } from './words';

export interface GroupCardProps {
  readonly group: GroupView;
  readonly spotlit: boolean;
  readonly roomHref: string;
  readonly busy: boolean;
  onReset(): void;
  onSpotlight(): void;
  onLowerHand(member: string): void;
  /** Asks where to move a member (the dashboard's move dialog). */
  onMove(member: MemberView): void;
  /** A member dragged from another card was dropped on this one. */
  onDropMember(member: string): void;
}

/** The drag's data type: a member id, moved between cards. */
export const MEMBER_DRAG = 'application/x-vnetlab-member';

export function GroupCard(props: GroupCardProps) {
  const name = () => groupLabel(props.group.group, say);
  const total = () => props.group.goals.length;
  const allMet = () => total() > 0 && props.group.goalsMet === total();
  return (
    <article
      class="group-card"
      classList={{
        'group-hand': props.group.handRaisedAt !== null,
        'group-done': allMet(),
        'group-spotlit': props.spotlit,
      }}
      aria-label={name()}
      data-group={props.group.group}
      onDragOver={(event) => {
        if (event.dataTransfer?.types.includes(MEMBER_DRAG)) event.preventDefault();
      }}
      onDrop={(event) => {
        const member = event.dataTransfer?.getData(MEMBER_DRAG);
        if (!member) return;
        event.preventDefault();
        props.onDropMember(member);
      }}
    >
      <header class="group-head">
        <h3>{name()}</h3>
        <Show when={props.group.handRaisedAt !== null}>
          <span class="hand-flag">{say('handRaised')}</span>
        </Show>
        <span class="group-score" data-met={props.group.goalsMet} data-total={total()}>
          {props.group.goalsMet}/{total()}
        </span>
      </header>
      <ul class="group-members" aria-label={`${name()} ${say('members')}`}>
        <For each={props.group.members} fallback={<li class="muted">{say('noMembers')}</li>}>
          {(member) => (
            <li
              data-member={member.name}
              data-online={member.online ? 'yes' : 'no'}
              draggable="true"
              onDragStart={(event) => event.dataTransfer?.setData(MEMBER_DRAG, member.id)}
            >
              <span
                class="presence-dot"
                classList={{ on: member.online }}
                role="img"
                aria-label={member.online ? say('online') : say('offline')}
              />
              <span class="member-name">{member.name}</span>
              <Show when={editingText(member)}>
                {(text) => (
                  <span class="member-editing" data-editing={text()} title={`${say('editing')}: ${text()}`}>
                    <span aria-hidden="true">✎ </span>
                    <span class="visually-hidden">{say('editing')}: </span>
                    {text()}
                  </span>
                )}
              </Show>
              <button
                type="button"
                class="move-button"
                aria-label={`${say('move')}: ${member.name}`}
                title={say('move')}
                disabled={props.busy}
                onClick={() => props.onMove(member)}
              />
              <Show when={member.handRaisedAt !== null}>
                <button
                  type="button"
                  class="hand-button"
                  aria-label={`${say('lowerHand')}: ${member.name}`}
                  onClick={() => props.onLowerHand(member.id)}
                >
                  {say('lowerHand')}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <ul class="group-goals">
        <For each={unmetFirst(props.group.goals)}>
          {(goal) => (
            <li
              class={goal.met ? 'dash-goal met' : 'dash-goal unmet'}
              data-goal={goal.id}
              data-state={goal.met ? 'met' : 'unmet'}
              title={
                !goal.met && goal.reason
                  ? `${goalText(goal, locale())}: ${reasonOf(goal)}`
                  : goalText(goal, locale())
              }
            >
              <span class="dash-goal-mark" aria-hidden="true">
                {goal.met ? '✓' : '✗'}
              </span>
              <span class="visually-hidden">{goal.met ? say('goalMet') : say('goalUnmet')}: </span>
              <span class="dash-goal-body">
                <span class="dash-goal-text">{goalText(goal, locale())}</span>
                <Show when={!goal.met && goal.reason}>
                  <span class="dash-goal-reason">{reasonOf(goal)}</span>
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.group.fault}>
        {(fault) => (
          <p class="fault-line" classList={{ found: fault().tookMs !== null }} data-fault={fault().fault}>
            {fault().tookMs === null
              ? `${say('faultIn')} ${formatDuration(fault().inForMs, locale())}`
              : `${say('faultFound')} ${formatDuration(fault().tookMs ?? 0, locale())}`}
          </p>
        )}
      </Show>
      <footer class="group-foot">
        <span class="muted since">
          {props.group.sinceLastGreenMs === null
            ? say('noGreenYet')
            : `${say('lastGreen')} ${formatDuration(props.group.sinceLastGreenMs, locale())}${locale() === 'zh-CN' ? '' : ' '}${say('ago')}`}
        </span>
        <span class="group-actions">
          <a class="small-button" href={props.roomHref} target="_blank" rel="noopener">
            {say('open')}
            <span class="visually-hidden"> {name()}</span>
          </a>
          <button type="button" class="small-button" disabled={props.busy} onClick={props.onReset}>
            {say('resetGroup')}
            <span class="visually-hidden"> {name()}</span>
          </button>
          <button
            type="button"
            class="small-button"
            aria-pressed={props.spotlit}
            disabled={props.busy}
            onClick={props.onSpotlight}
          >
            {props.spotlit ? say('spotlit') : say('spotlight')}
            <span class="visually-hidden"> {name()}</span>
          </button>
        </span>
      </footer>
    </article>
  );
}

/** What fails first: on a small card the goals cut off at the bottom are ones already met. */
function unmetFirst(goals: readonly GoalView[]): GoalView[] {
  return [...goals.filter((goal) => !goal.met), ...goals.filter((goal) => goal.met)];
}

/** The reason in the page's language when the server sent its verdict, else its English text. */
function reasonOf(goal: GoalView): string {
  return sayWhy(goal.why, goal.reason);
}
