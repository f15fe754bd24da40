/** The join code, huge, for the projector; the address to type it at, and a copy of the join link. */
import { createSignal, Show } from 'solid-js';
import { say } from './words';

export function JoinBanner(props: { code: string }) {
  const [copied, setCopied] = createSignal(false);
  const link = () => `${location.origin}/?join=${encodeURIComponent(props.code)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link());
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard (plain http): the link is on screen to copy by hand.
    }
  };
  return (
    <Show when={props.code}>
      <div class="join-banner">
        <span class="join-where">
          {say('joinAt')} <strong class="join-host">{location.host}</strong> {say('withCode')}
        </span>
        <span class="join-code" data-join-code={props.code}>
          <span class="visually-hidden">{say('joinCode')} </span>
          {props.code}
        </span>
        <span class="join-link">
          <a href={link()}>{link()}</a>
          <button type="button" class="small-button" onClick={copy}>
            {copied() ? say('copied') : say('copyLink')}
          </button>
        </span>
      </div>
    </Show>
  );
}
