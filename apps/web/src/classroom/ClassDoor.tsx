/**
 * The start page's two doors into a class: a teacher opens one (title, group size) and
 * lands on its dashboard; a student types the code and a name and lands in their
 * group's room. The code is forgiving: any case, spaces or a dash.
 */
import { createSignal, Show } from 'solid-js';
import { createClass, joinClass, normalizeJoinCode, type Reply } from './classApi';
import './classroom.css';
import { say } from './words';

async function go(reply: Promise<Reply<{ url: string }>>, fail: (message: string) => void) {
  const answer = await reply;
  if (answer.ok) location.assign(answer.value.url);
  else if (answer.status === 404) fail(say('noSuchClass'));
  else fail(answer.status === 0 ? `${say('unreachable')}: ${answer.error}` : answer.error);
}

export function TeachForm() {
  const [title, setTitle] = createSignal('');
  const [size, setSize] = createSignal(2);
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    await go(createClass(title().trim(), size()), setError);
    setBusy(false);
  };
  return (
    <section class="panel class-door" aria-labelledby="h-teach">
      <h2 id="h-teach">{say('teach')}</h2>
      <p class="muted">{say('teachHint')}</p>
      <form class="door-form" onSubmit={submit}>
        <label>
          {say('classTitle')}
          <input value={title()} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label>
          {say('groupSize')}
          <input
            type="number"
            min={1}
            max={12}
            value={size()}
            onInput={(e) => setSize(Math.min(12, Math.max(1, Number(e.currentTarget.value) || 1)))}
          />
        </label>
        <button class="action-button" type="submit" disabled={busy()}>
          {say('openClass')}
        </button>
      </form>
      <Show when={error()}>
        <p class="start-errors" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}

export function JoinForm() {
  // The dashboard's join link carries the code: `/?join=ABC-DEF`.
  const [code, setCode] = createSignal(new URLSearchParams(location.search).get('join') ?? '');
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (normalizeJoinCode(code()) === '') {
      setError(say('needCode'));
      return;
    }
    if (name().trim() === '') {
      setError(say('needName'));
      return;
    }
    setBusy(true);
    setError('');
    await go(joinClass(code(), name().trim()), setError);
    setBusy(false);
  };
  return (
    <section class="panel class-door" aria-labelledby="h-join">
      <h2 id="h-join">{say('join')}</h2>
      <p class="muted">{say('joinHint')}</p>
      <form class="door-form" onSubmit={submit}>
        <label>
          {say('joinCode')}
          <input
            class="code-input"
            value={code()}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            placeholder="ABC-DEF"
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </label>
        <label>
          {say('yourName')}
          <input
            value={name()}
            maxLength={40}
            autocomplete="name"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button class="action-button" type="submit" disabled={busy()}>
          {say('joinButton')}
        </button>
      </form>
      <Show when={error()}>
        <p class="start-errors" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
