import { createSignal, For, Show } from 'solid-js';
import { say } from '../i18n/locale';
import { type ConsoleEntry, execCommand } from './execCommand';

/**
 * A shell on any machine of the lab: pick the machine, type `ping`, `ip addr`,
 * `curl` … and read what the guest prints, with the engine's reason under a failure.
 */
export function ConsolePanel(props: { room: string; token: string; machines: readonly string[] }) {
  const [machine, setMachine] = createSignal('');
  const [entries, setEntries] = createSignal<readonly ConsoleEntry[]>([]);
  const [busy, setBusy] = createSignal(false);
  const current = () =>
    props.machines.includes(machine()) ? machine() : (props.machines[1] ?? props.machines[0] ?? '');
  let scroll: HTMLDivElement | undefined;

  async function run(command: string) {
    if (!command.trim() || !current()) return;
    setBusy(true);
    const entry = await execCommand(props.room, props.token, current(), command).catch(
      (error: Error): ConsoleEntry => ({
        machine: current(),
        command,
        output: `vnetlab: ${error.message}`,
        failure: null,
      }),
    );
    setBusy(false);
    // Keep the last 50 commands: enough to scroll back through an exercise.
    setEntries((list) => [...list, entry].slice(-50));
    queueMicrotask(() => scroll?.scrollTo({ top: scroll.scrollHeight }));
  }

  return (
    <div class="console">
      <div class="console-scroll" ref={scroll} aria-live="polite">
        <For each={entries()}>
          {(entry) => (
            <div class="console-entry">
              <div class="console-prompt">
                {entry.machine}$ {entry.command}
              </div>
              <pre class="console-output">{entry.output}</pre>
              <Show when={entry.failure}>
                {(failure) => <p class="console-why">{say(failure().why, failure().reason)}</p>}
              </Show>
            </div>
          )}
        </For>
      </div>
      <form
        class="console-line"
        onSubmit={(event) => {
          event.preventDefault();
          const input = event.currentTarget.elements.namedItem('command') as HTMLInputElement;
          const command = input.value;
          input.value = '';
          void run(command);
        }}
      >
        <select
          aria-label="Machine"
          value={current()}
          onChange={(event) => setMachine(event.currentTarget.value)}
        >
          <For each={props.machines}>{(id) => <option value={id}>{id}</option>}</For>
        </select>
        <span class="console-dollar">$</span>
        <input
          name="command"
          autocomplete="off"
          spellcheck={false}
          placeholder="ping -c 2 10.0.2.2"
          disabled={busy()}
          aria-label="Command"
        />
      </form>
    </div>
  );
}
