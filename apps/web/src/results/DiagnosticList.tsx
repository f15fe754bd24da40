import { createMemo, Index, Show } from 'solid-js';
import { say, word } from '../i18n/locale';
import type { DiagnosticView } from './resultsView';

/** Shown at most: a lab with thousands of problems renders in no time, the rest counted. */
export const MAX_SHOWN_DIAGNOSTICS = 50;

export function DiagnosticList(props: { diagnostics: readonly DiagnosticView[] }) {
  const shown = createMemo(() => props.diagnostics.slice(0, MAX_SHOWN_DIAGNOSTICS));
  const hidden = () => props.diagnostics.length - shown().length;
  return (
    <Show when={props.diagnostics.length > 0} fallback={<p class="empty">{word('noDiagnostics')}</p>}>
      <ul class="diagnostics">
        {/* Index, not For: every results update brings new objects, and 100 rebuilt items cost a relayout */}
        <Index each={shown()}>
          {(d) => (
            <li class={`diagnostic severity-${d().severity}`} data-code={d().code}>
              <span class="severity">{word(d().severity)}</span>
              <span>{say(d().why, d().text)}</span>
            </li>
          )}
        </Index>
        <Show when={hidden() > 0}>
          <li class="diagnostic severity-info" data-code="diagnostics-hidden">
            <span>
              {hidden()} {word('moreDiagnostics')}
            </span>
          </li>
        </Show>
      </ul>
    </Show>
  );
}
