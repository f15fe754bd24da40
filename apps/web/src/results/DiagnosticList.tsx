import { Index, Show } from 'solid-js';
import { say, word } from '../i18n/locale';
import type { DiagnosticView } from './resultsView';

export function DiagnosticList(props: { diagnostics: readonly DiagnosticView[] }) {
  return (
    <Show when={props.diagnostics.length > 0} fallback={<p class="empty">{word('noDiagnostics')}</p>}>
      <ul class="diagnostics">
        {/* Index, not For: every results update brings new objects, and 100 rebuilt items cost a relayout */}
        <Index each={props.diagnostics}>
          {(d) => (
            <li class={`diagnostic severity-${d().severity}`} data-code={d().code}>
              <span class="severity">{d().severity}</span>
              <span>{say(d().why, d().text)}</span>
            </li>
          )}
        </Index>
      </ul>
    </Show>
  );
}
