import { Show } from 'solid-js';
import { locale } from '../i18n/locale';
import { type ConnectionStatus, statusLabel } from './connectionStatus';

export function ConnectionBadge(props: { status: ConnectionStatus }) {
  return (
    <span class={`connection connection-${props.status.kind}`} role="status" data-status={props.status.kind}>
      <span class="dot" aria-hidden="true" />
      {statusLabel(props.status, locale())}
    </span>
  );
}

/** The full explanation when the server refuses the link. */
export function RefusedBanner(props: { status: ConnectionStatus }) {
  const message = () => (props.status.kind === 'refused' ? props.status.message : null);
  return (
    <Show when={message()}>
      {(text) => (
        <div class="banner banner-refused" role="alert">
          {text()}
        </div>
      )}
    </Show>
  );
}
