/**
 * Polls a reply-returning call every `everyMs` while the owner lives: the newest value,
 * and the state of the link as the dashboard shows it. A 401/403 is final (a wrong
 * link does not get better by asking again); anything else retries.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { Reply } from './classApi';

export type PollState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live' }
  | { readonly kind: 'stale'; readonly error: string }
  | { readonly kind: 'refused'; readonly error: string };

export interface Poll<T> {
  readonly value: Accessor<T | null>;
  readonly state: Accessor<PollState>;
  /** Ask now (after an action), not at the next tick. */
  refresh(): Promise<void>;
}

export function nextPollState<T>(reply: Reply<T>): PollState {
  if (reply.ok) return { kind: 'live' };
  if (reply.status === 401 || reply.status === 403 || reply.status === 404)
    return { kind: 'refused', error: reply.error };
  return { kind: 'stale', error: reply.error };
}

export function createPoll<T>(ask: () => Promise<Reply<T>>, everyMs: number): Poll<T> {
  const [value, setValue] = createSignal<T | null>(null);
  const [state, setState] = createSignal<PollState>({ kind: 'connecting' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;
  let inFlight: Promise<void> | null = null;

  const once = (): Promise<void> => {
    inFlight ??= ask().then((reply) => {
      inFlight = null;
      if (!alive) return;
      if (reply.ok) setValue(() => reply.value);
      setState(nextPollState(reply));
    });
    return inFlight;
  };

  const loop = async () => {
    await once();
    if (alive && state().kind !== 'refused') timer = setTimeout(loop, everyMs);
  };
  void loop();
  onCleanup(() => {
    alive = false;
    clearTimeout(timer);
  });
  return { value, state, refresh: once };
}
