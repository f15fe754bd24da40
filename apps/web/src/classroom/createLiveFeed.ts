/**
 * The dashboard's progress, live: read from the server-sent event stream
 * (`GET /:class/progress/stream`), falling back to polling `GET /:class/progress`
 * while the stream cannot be had (a proxy that buffers, a server restarting) and trying
 * the stream again after a while. A stream that says nothing for `quietMs` (the server
 * sends a heartbeat comment far more often) counts as dead. 401/403/404 are final.
 *
 * Once the stream has delivered, it is the only source: a request's reply is dropped
 * (and `refresh` asks nothing). The stream sends only what changed since its own last
 * event, so a reply computed before that event but arriving after it (a refresh right
 * after a broadcast, computed while the students were still reconnecting) would stay on
 * screen for good: the stream never sends again what it thinks is shown.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { Reply } from './classApi';
import { nextPollState, type Poll, type PollState } from './createPoll';
import { readEvents } from './eventStream';

export type Transport = 'stream' | 'poll';

export interface LiveFeed<T> extends Poll<T> {
  /** How the value arrives now. */
  readonly transport: Accessor<Transport>;
}

export interface LiveFeedOptions<T> {
  /** Opens the event stream (the response of a fetch with the bearer token). */
  readonly open: (signal: AbortSignal) => Promise<Response>;
  /** One request of the same value, for polling and for `refresh`. */
  readonly ask: () => Promise<Reply<T>>;
  /** The `data` of an event named `event` -> the value. */
  readonly parse: (data: string) => T;
  readonly event: string;
  readonly pollMs: number;
  readonly retryStreamMs: number;
  readonly quietMs: number;
}

export function createLiveFeed<T>(options: LiveFeedOptions<T>): LiveFeed<T> {
  const [value, setValue] = createSignal<T | null>(null);
  const [state, setState] = createSignal<PollState>({ kind: 'connecting' });
  const [transport, setTransport] = createSignal<Transport>('stream');
  let alive = true;
  let stream: AbortController | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  /** The stream that delivered an event: while it is the current one, it alone sets the value. */
  let delivered: AbortController | null = null;

  const refused = () => state().kind === 'refused';
  const streaming = () => stream !== null && delivered === stream;

  const once = (): Promise<void> => {
    if (streaming()) return Promise.resolve();
    inFlight ??= options.ask().then((reply) => {
      inFlight = null;
      // The stream may have delivered while this was asked: its event is the newer.
      if (!alive || streaming()) return;
      if (reply.ok) setValue(() => reply.value);
      setState(nextPollState(reply));
    });
    return inFlight;
  };

  const poll = async () => {
    await once();
    if (alive && transport() === 'poll' && !refused()) pollTimer = setTimeout(poll, options.pollMs);
  };

  const fallBack = (error: string) => {
    if (!alive || refused()) return;
    stream?.abort();
    stream = null;
    clearTimeout(quietTimer);
    if (state().kind === 'live') setState({ kind: 'stale', error });
    if (transport() !== 'poll') {
      setTransport('poll');
      void poll();
    }
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void openStream(), options.retryStreamMs);
  };

  const heard = () => {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => fallBack('the stream went quiet'), options.quietMs);
  };

  async function openStream(): Promise<void> {
    if (!alive || refused()) return;
    const controller = new AbortController();
    stream = controller;
    let response: Response;
    try {
      response = await options.open(controller.signal);
    } catch (error) {
      if (stream === controller) fallBack((error as Error).message);
      return;
    }
    if (stream !== controller) return;
    if (!response.ok || !response.body) {
      const error = `the server answered ${response.status}`;
      if ([401, 403, 404].includes(response.status)) {
        setState({ kind: 'refused', error });
        return;
      }
      fallBack(error);
      return;
    }
    setTransport('stream');
    clearTimeout(pollTimer);
    heard();
    try {
      await readEvents(
        response.body,
        (event) => {
          if (event.event !== options.event || stream !== controller) return;
          setValue(() => options.parse(event.data));
          delivered = controller;
          setState({ kind: 'live' });
        },
        heard,
      );
      if (stream === controller) fallBack('the stream ended');
    } catch (error) {
      if (stream === controller) fallBack((error as Error).message);
    }
  }

  void openStream();
  onCleanup(() => {
    alive = false;
    stream?.abort();
    clearTimeout(pollTimer);
    clearTimeout(retryTimer);
    clearTimeout(quietTimer);
  });
  return { value, state, transport, refresh: once };
}
