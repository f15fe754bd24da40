import { onMount } from 'solid-js';
import { cleanName, MAX_NAME_LENGTH } from './identity';
import { presenceWord as w } from './words';

/** Asks once for the display name when neither `&name=` nor this browser gave one. */
export function NameDialog(props: { onName: (name: string) => void }) {
  let dialog: HTMLDialogElement | undefined;
  let input: HTMLInputElement | undefined;
  onMount(() => {
    dialog?.showModal();
    input?.focus();
  });
  return (
    <dialog
      ref={dialog}
      class="name-dialog"
      aria-labelledby="name-dialog-title"
      // A name is needed to join: Escape does not dismiss it.
      onCancel={(event) => event.preventDefault()}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          const name = cleanName(input?.value);
          if (!name) return input?.focus();
          dialog?.close();
          props.onName(name);
        }}
      >
        <h2 id="name-dialog-title">{w('askTitle')}</h2>
        <p class="muted">{w('askText')}</p>
        <label>
          {w('displayName')}
          <input ref={input} name="name" required maxLength={MAX_NAME_LENGTH} autocomplete="nickname" />
        </label>
        <button type="submit">{w('join')}</button>
      </form>
    </dialog>
  );
}
