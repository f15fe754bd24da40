import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { authorName } from '../classroom/authorNames';
import { say, wordsOf } from '../i18n/locale';
import { usePresence } from '../presence/createPresence';
import { useRoom } from '../room/roomContext';
import { execCommand } from './execCommand';
import { recallList, recallStep } from './recall';
import { type ConsoleLine, createRoomConsole } from './roomConsole';
import './console.css';

const w = wordsOf({
  hint: {
    en: 'Try ping, ip addr, ip route, traceroute, curl, nc -zv, arp -n, cat /etc/resolv.conf. Everyone in the room sees what runs here.',
    'zh-CN':
      '试试 ping、ip addr、ip route、traceroute、curl、nc -zv、arp -n、cat /etc/resolv.conf。房间里的每个人都能看到这里运行的命令。',
  },
  running: { en: 'running…', 'zh-CN': '运行中…' },
  // The English names are the page's contract (DESIGN.md): tests outside drive the page by them.
  output: { en: 'Console output', 'zh-CN': '终端输出' },
  machine: { en: 'Machine', 'zh-CN': '机器' },
  command: { en: 'Command', 'zh-CN': '命令' },
  host: { en: 'host', 'zh-CN': '主机' },
  recall: { en: '↑/↓ earlier commands', 'zh-CN': '↑/↓ 之前的命令' },
  onlyYou: { en: 'only you see this', 'zh-CN': '只有你能看到' },
});

/** A line this page shows that the room's console does not hold: in flight, or refused. */
interface LocalLine {
  readonly key: number;
  readonly at: number;
  readonly machine: string;
  readonly command: string;
  /** null while the server is answering. */
  readonly error: string | null;
}

/**
 * One console for the whole room: pick any machine (VMs, the host, LAN devices), type
 * `ping`, `ip addr`, `curl` … ; the server runs it and appends it to the room's console,
 * so every partner sees what was typed and printed, and it is still there after a reload.
 */
export function ConsolePanel(props: {
  room: string;
  token: string;
  machines: readonly string[];
  by: string;
}) {
  const room = useRoom();
  const lines = createRoomConsole(room.docs.labDoc);
  const [machine, setMachine] = createSignal('');
  const [local, setLocal] = createSignal<readonly LocalLine[]>([]);
  const current = () =>
    props.machines.includes(machine()) ? machine() : (props.machines[1] ?? props.machines[0] ?? '');
  let scroll: HTMLDivElement | undefined;
  let input: HTMLInputElement | undefined;
  let nextKey = 1;
  let recall = { position: 0, draft: '' };

  const shown = () =>
    [
      ...lines().map((line) => ({ kind: 'room' as const, at: line.at, line })),
      ...local().map((line) => ({ kind: 'local' as const, at: line.at, line })),
    ].sort((a, b) => a.at - b.at);

  // Follow the newest output, unless this person scrolled up to read something.
  createEffect(
    on(shown, () => {
      if (!scroll) return;
      const nearBottom = scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 80;
      if (nearBottom || local().some((l) => l.error === null))
        queueMicrotask(() => scroll?.scrollTo({ top: scroll.scrollHeight }));
    }),
  );

  async function run(command: string) {
    const target = current();
    if (!command.trim() || !target) return;
    const key = nextKey++;
    setLocal((list) => [...list, { key, at: Date.now(), machine: target, command, error: null }]);
    const answer = await execCommand({
      room: props.room,
      token: props.token,
      machine: target,
      command,
      by: props.by,
    });
    // Done: the room's console now holds it (it reached this page through the room
    // document); a refusal stays here, for this person only. Keep the last 50 of those.
    setLocal((list) =>
      answer.ok
        ? list.filter((l) => l.key !== key)
        : list.map((l) => (l.key === key ? { ...l, error: answer.error } : l)).slice(-50),
    );
  }

  const recallCommands = () =>
    recallList(
      lines().map(({ at, command }) => ({ at, command })),
      local().map(({ at, command }) => ({ at, command })),
    );

  function onKey(event: KeyboardEvent) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    if (!input) return;
    event.preventDefault();
    if (recall.position === 0) recall.draft = input.value;
    const step = recallStep(
      recallCommands(),
      recall.position,
      event.key === 'ArrowUp' ? 'up' : 'down',
      recall.draft,
    );
    recall.position = step.position;
    input.value = step.text;
    input.setSelectionRange(step.text.length, step.text.length);
  }

  return (
    <div class="console">
      <div class="console-scroll" ref={scroll} role="log" aria-label={w('output')} aria-live="polite">
        <Show when={shown().length === 0}>
          <p class="console-hint">{w('hint')}</p>
        </Show>
        <For each={shown()}>
          {(item) =>
            item.kind === 'room' ? (
              <RoomLine line={item.line} />
            ) : (
              <div class="console-entry local">
                <Prompt by={props.by} machine={item.line.machine} command={item.line.command} />
                <Show when={item.line.error} fallback={<p class="console-running">{w('running')}</p>}>
                  {(error) => (
                    <pre class="console-output">
                      {error()} <span class="console-note">({w('onlyYou')})</span>
                    </pre>
                  )}
                </Show>
              </div>
            )
          }
        </For>
      </div>
      <form
        class="console-line"
        onSubmit={(event) => {
          event.preventDefault();
          if (!input) return;
          const command = input.value;
          input.value = '';
          recall = { position: 0, draft: '' };
          // The input keeps focus: the next command is typed at once.
          input.focus();
          void run(command);
        }}
      >
        <select
          aria-label={w('machine')}
          value={current()}
          onChange={(event) => setMachine(event.currentTarget.value)}
        >
          <For each={props.machines}>
            {(id) => <option value={id}>{id === 'host' ? w('host') : id}</option>}
          </For>
        </select>
        <span class="console-dollar">$</span>
        <input
          ref={input}
          name="command"
          autocomplete="off"
          spellcheck={false}
          placeholder="ping -c 2 10.0.2.2"
          aria-label={w('command')}
          title={w('recall')}
          onKeyDown={onKey}
        />
      </form>
    </div>
  );
}

function Prompt(props: { by: string; machine: string; command: string }) {
  const presence = usePresence();
  // In a class, `by` is a key: the name (or a watcher's alias) comes from the class.
  const name = () => authorName(props.by);
  return (
    <div class="console-prompt">
      <Show when={name()}>
        <span class="console-by" style={{ '--person': presence.colourOf(props.by) }}>
          {name()}
        </span>{' '}
      </Show>
      <span class="console-host">{props.machine}$</span> {props.command}
    </div>
  );
}

function RoomLine(props: { line: ConsoleLine }) {
  return (
    <div class="console-entry" data-console-id={props.line.id}>
      <Prompt by={props.line.by} machine={props.line.machine} command={props.line.command} />
      <pre class="console-output">{props.line.output}</pre>
      <Show when={props.line.reason}>
        <p class="console-why">{say(props.line.why, props.line.reason)}</p>
      </Show>
    </div>
  );
}
