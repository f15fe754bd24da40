import { Show } from 'solid-js';
import { locale } from '../i18n/locale';
import { type ConnectionStatus, refusalMessage, statusLabel } from './connectionStatus';

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
  const message = () => {
    const status = props.status;
    return status.kind === 'refused'
      ? refusalMessage(status.refusal.code, status.refusal.reason, locale())
      : null;
  };
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
