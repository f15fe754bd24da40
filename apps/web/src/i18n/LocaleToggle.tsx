import { LOCALES, type Locale } from '@vnetlab/shared';
import { For } from 'solid-js';
import { locale, setLocale } from './locale';

const NAMES: Record<Locale, string> = { en: 'EN', 'zh-CN': '中文' };
const LANGUAGE: Record<Locale, string> = { en: 'Language', 'zh-CN': '语言' };

/** EN | 中文: the language of reasons and headings on this page. */
export function LocaleToggle() {
  return (
    <fieldset class="locale-toggle" aria-label={LANGUAGE[locale()]}>
      <For each={LOCALES}>
        {(option) => (
          <button
            type="button"
            class="locale-option"
            classList={{ active: locale() === option }}
            aria-pressed={locale() === option}
            data-locale={option}
            onClick={() => setLocale(option)}
          >
            {NAMES[option]}
          </button>
        )}
      </For>
    </fieldset>
  );
}
