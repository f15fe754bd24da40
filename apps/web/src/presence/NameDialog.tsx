import { onMount } from 'solid-js';
import { cleanName, MAX_NAME_LENGTH } from './identity';
import { presenceWord as w } from './words';

/**
 * Asks once for the display name when neither `&name=` nor this browser gave one. It
 * sits in the page's flow, not over it (a non-modal dialog): the lab stays usable
 * meanwhile, by people and by tests that drive the page by its accessible names.
 */
export function NameDialog(props: { onName: (name: string) => void }) {
  let input: HTMLInputElement | undefined;
  onMount(() => input?.focus({ preventScroll: true }));
  return (
    <div
      class="name-dialog"
      role="dialog"
      aria-labelledby="name-dialog-title"
      aria-describedby="name-dialog-text"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const name = cleanName(input?.value);
          if (!name) return input?.focus();
          props.onName(name);
        }}
      >
        <h2 id="name-dialog-title">{w('askTitle')}</h2>
        <p id="name-dialog-text" class="muted">
          {w('askText')}
        </p>
        <label>
          {w('displayName')}
          <input ref={input} name="name" required maxLength={MAX_NAME_LENGTH} autocomplete="nickname" />
        </label>
        <button type="submit">{w('join')}</button>
      </form>
    </div>
  );
}
