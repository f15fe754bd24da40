/**
 * Authoring (CLASS-15): the room's goals (a probe and whether it must succeed) and its
 * locked paths, edited in place, and "Save as scenario": the lab file with its titles,
 * downloaded and checked by the server as `pnpm vnetlab check` would. Every edit is one
 * labEdits transaction with this person's origin: undoable, live for partners.
 */
import { insertItem, parseLockPath, readLab, removeItem, renderLabError } from '@vnetlab/shared';
import { createMemo, createSignal, For, Index, Show } from 'solid-js';
import { classRole } from '../classroom/classRole';
import { useEditor } from '../editor/createEditor';
import { locale } from '../i18n/locale';
import { endpointsOf } from '../packets/PacketPanel';
import { packetWord } from '../packets/words';
import { useRoom } from '../room/roomContext';
import { downloadLab } from '../util/downloadLab';
import { shareUnchanged } from '../util/shareUnchanged';
import { goalOf, lockProblems, scenarioFileName } from './scenarioDraft';
import { authorWord } from './words';
import './authoring.css';

export function ScenarioPanel() {
  const editor = useEditor();
  return (
    <fieldset
      class="read-only-fields scenario-panel"
      // A student's goals, locks and translations are undone by the server (CLASS-6:
      // `locked`, `goals` and `i18n` are always locked for students): they only read them.
      disabled={editor.readOnly() || classRole() === 'student'}
    >
      <GoalEditor />
      <LockedPaths />
      <SaveScenario />
    </fieldset>
  );
}

function GoalEditor() {
  const room = useRoom();
  const editor = useEditor();
  const endpoints = createMemo<ReturnType<typeof endpointsOf>>((prev) =>
    shareUnchanged(prev, endpointsOf(room.docs.lab())),
  );
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [kind, setKind] = createSignal<'ping' | 'tcp'>('ping');
  const [port, setPort] = createSignal(22);
  const [expect, setExpect] = createSignal(true);
  const [text, setText] = createSignal('');
  const chosenFrom = () => from() || endpoints()[0]?.id || '';
  const chosenTo = () => to() || endpoints()[1]?.id || 'internet';
  const goals = () => room.lab().goals;
  const add = () => {
    if (!chosenFrom()) return;
    const goal = goalOf(
      { from: chosenFrom(), to: chosenTo(), kind: kind(), port: port(), expect: expect(), text: text() },
      new Set(goals().map((g) => g.id)),
    );
    editor.act((doc, origin) => insertItem(doc, ['goals'], goal, origin));
    setText('');
  };
  const remove = (index: number) => editor.act((doc, origin) => removeItem(doc, ['goals'], index, origin));
  return (
    <section class="author-part" aria-labelledby="h-edit-goals">
      <h3 id="h-edit-goals">{authorWord('editGoals')}</h3>
      <Show when={goals().length > 0} fallback={<p class="empty">{authorWord('noGoals')}</p>}>
        <ul class="author-list">
          <Index each={goals()}>
            {(goal, index) => (
              <li data-goal-edit={goal().id}>
                <span class="author-item-text">{goal().text}</span>
                <button
                  type="button"
                  class="tool-button"
                  aria-label={`${authorWord('removeGoal')} ${goal().id}`}
                  onClick={() => remove(index)}
                >
                  {authorWord('removeGoal')}
                </button>
              </li>
            )}
          </Index>
        </ul>
      </Show>
      <form
        class="author-form"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <label>
          {packetWord('from')}
          <select
            aria-label={authorWord('goalFrom')}
            value={chosenFrom()}
            onChange={(e) => setFrom(e.currentTarget.value)}
          >
            <Index each={endpoints()}>{(e) => <option value={e().id}>{e().name}</option>}</Index>
          </select>
        </label>
        <label>
          {packetWord('to')}
          <select
            aria-label={authorWord('goalTo')}
            value={chosenTo()}
            onChange={(e) => setTo(e.currentTarget.value)}
          >
            <Index each={endpoints()}>{(e) => <option value={e().id}>{e().name}</option>}</Index>
            <option value="internet">{packetWord('internet')}</option>
          </select>
        </label>
        <label>
          {packetWord('kind')}
          <select
            aria-label={authorWord('goalKind')}
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value === 'tcp' ? 'tcp' : 'ping')}
          >
            <option value="ping">ping</option>
            <option value="tcp">tcp</option>
          </select>
        </label>
        <Show when={kind() === 'tcp'}>
          <label>
            {packetWord('port')}
            <input
              aria-label={authorWord('goalPort')}
              type="number"
              min="1"
              max="65535"
              value={port()}
              onInput={(e) => setPort(portOf(e.currentTarget.value))}
            />
          </label>
        </Show>
        <label>
          {authorWord('expect')}
          <select
            value={expect() ? 'yes' : 'no'}
            onChange={(e) => setExpect(e.currentTarget.value === 'yes')}
          >
            <option value="yes">{authorWord('succeeds')}</option>
            <option value="no">{authorWord('fails')}</option>
          </select>
        </label>
        <label class="author-wide">
          {authorWord('goalText')}
          <input type="text" value={text()} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit" class="action-button" disabled={endpoints().length === 0}>
          {authorWord('addGoal')}
        </button>
      </form>
    </section>
  );
}

function LockedPaths() {
  const room = useRoom();
  const editor = useEditor();
  const locked = () => {
    const value = room.docs.lab().locked;
    return Array.isArray(value) ? value.map(String) : [];
  };
  const problems = createMemo(() => lockProblems(room.docs.lab()));
  const [draft, setDraft] = createSignal('');
  // A path that does not parse would make the whole lab invalid: it is refused at the field.
  const [refused, setRefused] = createSignal('');
  // `locked` is a list of strings: stored whole, so each change rewrites the one field.
  const write = (next: string[]) => editor.set(['locked'], next.length > 0 ? next : undefined);
  return (
    <section class="author-part" aria-labelledby="h-locked">
      <h3 id="h-locked">{authorWord('lockedPaths')}</h3>
      <p class="muted" id="locked-help">
        {authorWord('lockedHelp')}
      </p>
      <Show when={locked().length > 0} fallback={<p class="empty">{authorWord('noLocked')}</p>}>
        <ul class="author-list" aria-label={authorWord('lockedPaths')}>
          <Index each={locked()}>
            {(path, index) => {
              const problem = () => problems().get(index);
              return (
                <li data-locked={path()} data-problem={problem()?.kind ?? 'none'}>
                  <span class="mono author-item-text">{path()}</span>
                  <Show when={problem()}>
                    {(found) => (
                      <span class="bad author-problem" role="alert">
                        {authorWord(found().kind)}
                      </span>
                    )}
                  </Show>
                  <button
                    type="button"
                    class="tool-button"
                    aria-label={`${authorWord('unlock')} ${path()}`}
                    onClick={() => write(locked().filter((_, i) => i !== index))}
                  >
                    {authorWord('unlock')}
                  </button>
                </li>
              );
            }}
          </Index>
        </ul>
      </Show>
      <form
        class="author-form"
        onSubmit={(event) => {
          event.preventDefault();
          const path = draft().trim();
          if (!path || locked().includes(path)) return;
          const parsed = parseLockPath(path);
          if (!parsed.ok) {
            setRefused(`${JSON.stringify(path)} ${authorWord('badPath')}`);
            return;
          }
          write([...locked(), path]);
          setDraft('');
        }}
      >
        <label class="author-wide">
          {authorWord('lockedPath')}
          <input
            type="text"
            class="mono"
            aria-describedby={refused() ? 'locked-refused locked-help' : 'locked-help'}
            aria-invalid={refused() ? 'true' : undefined}
            spellcheck={false}
            value={draft()}
            onInput={(e) => {
              setDraft(e.currentTarget.value);
              setRefused('');
            }}
          />
        </label>
        <button type="submit" class="action-button">
          {authorWord('lock')}
        </button>
      </form>
      <Show when={refused()}>
        <p class="bad author-problem" id="locked-refused" role="alert">
          {refused()}
        </p>
      </Show>
    </section>
  );
}

type CheckState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; ok: boolean; errors: { path: string; message: string }[] }
  | { kind: 'failed'; message: string };

function SaveScenario() {
  const room = useRoom();
  const editor = useEditor();
  const [check, setCheck] = createSignal<CheckState>({ kind: 'idle' });
  const raw = () => room.docs.lab();
  const title = () => (typeof raw().title === 'string' ? (raw().title as string) : '');
  const zhTitle = () => {
    const zh = ((raw().i18n ?? {}) as Record<string, { title?: unknown }>)['zh-CN'];
    return typeof zh?.title === 'string' ? zh.title : '';
  };
  const save = async () => {
    const lab = readLab(editor.doc);
    downloadLab(lab, scenarioFileName(lab.title, room.route.room));
    setCheck({ kind: 'checking' });
    try {
      const response = await fetch('/api/scenarios/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lab }),
      });
      const answer = (await response.json()) as {
        ok?: boolean;
        errors?: { path: string; message: string }[];
      };
      if (!response.ok && !answer.errors?.length) throw new Error(`HTTP ${response.status}`);
      setCheck({ kind: 'done', ok: answer.ok === true, errors: answer.errors ?? [] });
    } catch (error) {
      setCheck({ kind: 'failed', message: (error as Error).message });
    }
  };
  return (
    <section class="author-part" aria-labelledby="h-save-scenario">
      <h3 id="h-save-scenario">{authorWord('save')}</h3>
      <div class="author-form">
        <label class="author-wide">
          {authorWord('title')}
          <input
            type="text"
            value={title()}
            onFocus={() => editor.beginTyping()}
            onInput={(e) => editor.type(['title'], e.currentTarget.value || undefined)}
          />
        </label>
        <label class="author-wide">
          {authorWord('titleZh')}
          <input
            type="text"
            lang="zh-CN"
            value={zhTitle()}
            onFocus={() => editor.beginTyping()}
            onInput={(e) => editor.type(['i18n', 'zh-CN', 'title'], e.currentTarget.value || undefined)}
          />
        </label>
        <button type="button" class="action-button" onClick={() => void save()}>
          {authorWord('save')}
        </button>
      </div>
      <CheckVerdict state={check()} />
    </section>
  );
}

function CheckVerdict(props: { state: CheckState }) {
  const said = () => {
    const state = props.state;
    if (state.kind === 'idle') return '';
    if (state.kind === 'checking') return authorWord('checking');
    if (state.kind === 'failed') return `${authorWord('checkFailed')} ${state.message}`;
    if (state.errors.length > 0) return authorWord('checkErrors');
    return authorWord(state.ok ? 'checkOk' : 'checkGoals');
  };
  const errors = () => (props.state.kind === 'done' ? props.state.errors : []);
  const verdict = () => {
    const state = props.state;
    return state.kind === 'done' ? (state.ok && state.errors.length === 0 ? 'ok' : 'bad') : state.kind;
  };
  return (
    <div class="scenario-check" role="status" data-check={verdict()}>
      <Show when={said()}>
        <p classList={{ ok: verdict() === 'ok', bad: verdict() === 'bad' || verdict() === 'failed' }}>
          {said()}
        </p>
      </Show>
      <Show when={errors().length > 0}>
        <ul>
          <For each={errors()}>{(error) => <li class="mono">{renderLabError(error, locale())}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}

/**
 * A port the schema takes (a whole number 1–65535): a goal is written as typed, and one
 * the schema refused would make the whole lab invalid for everyone in the room.
 */
function portOf(typed: string): number {
  const port = Math.trunc(Number(typed));
  return Number.isFinite(port) ? Math.min(65_535, Math.max(1, port)) : 1;
}
