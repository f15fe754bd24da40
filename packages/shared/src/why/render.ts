/** One entry point for interfaces: a verdict in the language the student reads. */
import { chinese } from './chinese';
import { english } from './english';
import type { Why } from './why';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export function renderWhy(verdict: Why, locale: Locale): string {
  return locale === 'zh-CN' ? chinese(verdict) : english(verdict);
}
