/** One entry point for interfaces: a verdict, or a schema message, in the language the student reads. */
import { chineseLabMessage } from '../lab/chineseLabErrors';
import type { LabError } from '../lab/labErrors';
import { chinese } from './chinese';
import { english } from './english';
import type { Why } from './why';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export function renderWhy(verdict: Why, locale: Locale): string {
  return locale === 'zh-CN' ? chinese(verdict) : english(verdict);
}

/** A schema message (a LabError's `message`); the English is the schema's own text. */
export function renderLabMessage(message: string, locale: Locale): string {
  return locale === 'zh-CN' ? chineseLabMessage(message) : message;
}

/** `path: message` (describeLabError), in the page's language. */
export function renderLabError(error: LabError, locale: Locale): string {
  const message = renderLabMessage(error.message, locale);
  if (error.path === '') return message;
  return locale === 'zh-CN' ? `${error.path}：${message}` : `${error.path}: ${message}`;
}
