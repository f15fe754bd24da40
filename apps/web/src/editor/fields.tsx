/**
 * Labelled controls bound to one field of the lab. Text fields write what is typed as
 * it is typed (a partner sees it at once) and keep the typed text while focused, so a
 * value the schema rejects is shown with the schema's message, never lost or reset.
 */
import { formatPath, type LabPath, renderLabMessage } from '@vnetlab/shared';
import { batch, createEffect, createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { locale } from '../i18n/locale';
import { errorAt, useEditor } from './createEditor';

/** The schema's message (English, as the schema says it), shown in the page's language. */
export function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <span class="field-error" id={props.id} role="alert">
          {renderLabMessage(message(), locale())}
        </span>
      )}
    </Show>
  );
}

/** The schema's message for this field, if the current lab has one. */
export function useFieldError(path: () => LabPath) {
  const editor = useEditor();
  return () => errorAt(editor.errors(), formatPath(path()));
}

export interface TextFieldProps {
  readonly label: string;
  readonly path: LabPath;
  /** The field's current value in the lab (raw JSON). */
  readonly value: unknown;
  /** Text -> the value to store (undefined deletes the field). Default: the text, '' deletes. */
  readonly parse?: (text: string) => unknown;
  /** Value -> text. Default: strings as they are, anything else as JSON. */
  readonly format?: (value: unknown) => string;
  readonly placeholder?: string;
  readonly hint?: string;
  readonly disabled?: boolean;
  readonly list?: string;
  readonly class?: string;
  readonly mono?: boolean;
  /** Hide the visible label (inside a table whose header names the column). */
  readonly labelHidden?: boolean;
  /** Words the accessible name carries after the label, not shown (a contract's name). */
  readonly labelAlias?: string;
  /**
   * What the engine says is wrong with the value, though the schema takes it (a network
   * that does not exist): shown at the field when the schema has nothing to say.
   */
  readonly problem?: FieldProblem;
}

export interface FieldProblem {
  readonly text: string;
  readonly severity: 'error' | 'warning' | 'info';
}

export const defaultFormat = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);

const defaultParse = (text: string): unknown => (text === '' ? undefined : text);

/** "8.8.8.8, 1.1.1.1" <-> ["8.8.8.8", "1.1.1.1"]; an empty list deletes the field. */
export const listParse = (text: string): unknown => {
  const items = text
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length === 0 ? undefined : items;
};
export const listFormat = (value: unknown): string =>
  Array.isArray(value) ? value.join(', ') : defaultFormat(value);

/** A port: a whole number is stored as a number; other text is kept as typed so the schema names it. */
export const numberParse = (text: string): unknown =>
  /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;

export function TextField(props: TextFieldProps) {
  const editor = useEditor();
  const id = createUniqueId();
  const [draft, setDraft] = createSignal<string | null>(null);
  const error = useFieldError(() => props.path);
  const problem = () => (error() ? undefined : props.problem);
  const describedBy = () => {
    if (error()) return `${id}-error`;
    if (problem()) return `${id}-problem`;
    return props.hint ? `${id}-hint` : undefined;
  };
  const format = () => (props.format ?? defaultFormat)(props.value);
  // The field changed under the typed text (Undo, or a partner's edit): show the lab's value.
  createEffect(() => {
    const typed = draft();
    if (typed === null) return;
    const stored = (props.parse ?? defaultParse)(typed);
    if (JSON.stringify(stored) !== JSON.stringify(props.value)) setDraft(null);
  });
  return (
    <div
      class={`field ${props.class ?? ''}`}
      classList={{
        invalid: !!error() || problem()?.severity === 'error',
        warned: problem()?.severity === 'warning',
      }}
    >
      <label for={id} classList={{ 'visually-hidden': !!props.labelHidden }}>
        {props.label}
        <Show when={props.labelAlias}>
          <span class="visually-hidden">{props.labelAlias}</span>
        </Show>
      </label>
      <input
        id={id}
        type="text"
        classList={{ mono: !!props.mono }}
        value={draft() ?? format()}
        placeholder={props.placeholder}
        disabled={props.disabled}
        list={props.list}
        aria-invalid={error() || problem() ? 'true' : undefined}
        aria-describedby={describedBy()}
        spellcheck={false}
        autocomplete="off"
        onFocus={(event) => {
          editor.beginTyping();
          setDraft(event.currentTarget.value);
        }}
        onInput={(event) => {
          const text = event.currentTarget.value;
          // One update: the typed text and the lab's new value arrive together.
          batch(() => {
            setDraft(text);
            editor.type(props.path, (props.parse ?? defaultParse)(text));
          });
        }}
        onBlur={() => {
          // Keep showing the text when the lab rejects it; otherwise show the lab's value.
          if (!error()) setDraft(null);
          editor.beginTyping();
        }}
      />
      <Show when={props.hint && !error() && !problem()}>
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      </Show>
      <FieldError id={`${id}-error`} message={error()} />
      <Show when={problem()}>
        {(shown) => (
          <span class={`field-problem severity-${shown().severity}`} id={`${id}-problem`}>
            {shown().text}
          </span>
        )}
      </Show>
    </div>
  );
}

export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  path?: LabPath;
  disabled?: boolean;
}) {
  const id = createUniqueId();
  const error = useFieldError(() => props.path ?? ['\u0000']);
  return (
    <div class="field check" classList={{ invalid: !!error() }}>
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      <FieldError id={`${id}-error`} message={error()} />
    </div>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export function SelectField(props: {
  label: string;
  value: string;
  choices: readonly Choice[];
  onChange: (value: string) => void;
  path?: LabPath;
  disabled?: boolean;
  labelHidden?: boolean;
  /** Words the accessible name carries after the label, not shown (a contract's name). */
  labelAlias?: string;
  children?: JSX.Element;
}) {
  const id = createUniqueId();
  const error = useFieldError(() => props.path ?? ['\u0000']);
  return (
    <div class="field" classList={{ invalid: !!error() }}>
      <label for={id} classList={{ 'visually-hidden': !!props.labelHidden }}>
        {props.label}
        <Show when={props.labelAlias}>
          <span class="visually-hidden">{props.labelAlias}</span>
        </Show>
      </label>
      <select
        id={id}
        disabled={props.disabled}
        aria-invalid={error() ? 'true' : undefined}
        aria-describedby={error() ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        <Show when={!props.choices.some((choice) => choice.value === props.value)}>
          <option value={props.value} selected>
            {props.value || '—'}
          </option>
        </Show>
        <For each={props.choices}>
          {(choice) => (
            <option value={choice.value} selected={choice.value === props.value}>
              {choice.label}
            </option>
          )}
        </For>
      </select>
      <FieldError id={`${id}-error`} message={error()} />
    </div>
  );
}
