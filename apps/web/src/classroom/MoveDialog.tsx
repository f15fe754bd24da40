/**
 * Where to move a student (the instructor's link): every other group, or a new one. A
 * modal `<dialog>` named "Move NAME to"; the move closes the student's sockets and
 * their page opens the new group's room (CLASS-4).
 */
import { createEffect, For, Show } from 'solid-js';
import { groupLabel } from './createNow';
import type { MemberView } from './progressView';
import { say } from './words';

export interface MoveDialogProps {
  /** The member to move, with their group; null: closed. */
  readonly moving: { readonly member: MemberView; readonly group: number } | null;
  readonly groups: readonly number[];
  onMove(group: number): void;
  onClose(): void;
}

export function MoveDialog(props: MoveDialogProps) {
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (props.moving && !dialog.open) dialog.showModal();
    if (!props.moving && dialog.open) dialog.close();
  });
  const next = () => Math.max(0, ...props.groups) + 1;
  return (
    <dialog ref={dialog} class="move-dialog" aria-labelledby="move-title" onClose={props.onClose}>
      <Show when={props.moving}>
        {(moving) => (
          <>
            <h2 id="move-title">{say('moveTitle').replace('{name}', moving().member.name)}</h2>
            <div class="move-targets">
              <For each={props.groups.filter((group) => group !== moving().group)}>
                {(group) => (
                  <button type="button" class="small-button" onClick={() => props.onMove(group)}>
                    {groupLabel(group, say)}
                  </button>
                )}
              </For>
              <button type="button" class="small-button" onClick={() => props.onMove(next())}>
                {say('newGroup')}
              </button>
            </div>
            <button type="button" class="small-button" onClick={props.onClose}>
              {say('cancel')}
            </button>
          </>
        )}
      </Show>
    </dialog>
  );
}
