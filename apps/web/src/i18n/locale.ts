/**
 * The page's language: English or 简体中文, remembered per browser. Reasons are
 * rendered from the engine's `why` codes (packages/shared/src/why); the few words of
 * the page itself come from `WORDS`.
 */
import { type Locale, renderWhy, type Why } from '@vnetlab/shared';
import { createSignal } from 'solid-js';

const STORAGE_KEY = 'vnetlab.locale';

export function initialLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return languages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

const [locale, setLocaleSignal] = createSignal<Locale>(
  initialLocale(
    typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY),
    typeof navigator === 'undefined' ? [] : navigator.languages,
  ),
);

export { locale };

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/**
 * A verdict in the page's language, rendered here from its code and parameters;
 * the server's English text when there is no verdict, or one with a code this page
 * does not know yet (a newer server).
 */
export function say(verdict: Why | null, fallback: string, current: Locale = locale()): string {
  if (verdict === null) return fallback;
  try {
    return renderWhy(verdict, current);
  } catch {
    return fallback;
  }
}

const WORDS = {
  topology: { en: 'Topology', 'zh-CN': '拓扑' },
  machines: { en: 'Machines', 'zh-CN': '机器' },
  goals: { en: 'Goals', 'zh-CN': '目标' },
  reachability: { en: 'Reachability', 'zh-CN': '连通性' },
  diagnostics: { en: 'Diagnostics', 'zh-CN': '诊断' },
  noDiagnostics: { en: 'No diagnostics.', 'zh-CN': '没有诊断信息。' },
  moreDiagnostics: { en: 'more not shown', 'zh-CN': '条未显示' },
  noGoals: { en: 'This lab has no goals.', 'zh-CN': '这个实验没有目标。' },
  waiting: { en: 'Waiting for the engine…', 'zh-CN': '等待引擎计算…' },
  goalsMet: { en: 'goals met', 'zh-CN': '个目标已达成' },
  of: { en: 'of', 'zh-CN': '/' },
  chooseCell: { en: 'Choose a cell to see why.', 'zh-CN': '点击单元格查看原因。' },
  console: { en: 'Console', 'zh-CN': '终端' },
  noMatrix: { en: 'No reachability results yet.', 'zh-CN': '还没有连通性结果。' },
  room: { en: 'room', 'zh-CN': '房间' },
  met: { en: 'met', 'zh-CN': '已达成' },
  unmet: { en: 'unmet', 'zh-CN': '未达成' },
  pending: { en: 'pending', 'zh-CN': '等待中' },
  error: { en: 'error', 'zh-CN': '错误' },
  warning: { en: 'warning', 'zh-CN': '警告' },
  info: { en: 'info', 'zh-CN': '提示' },
} as const;

export type Word = keyof typeof WORDS;

export function word(key: Word, current: Locale = locale()): string {
  return WORDS[key][current];
}

/** One phrase in every language the page speaks. */
export type Phrase = { readonly [L in Locale]: string };

/**
 * A feature's own words (`const say = wordsOf({ addVm: { en: 'Add VM', 'zh-CN': '添加虚拟机' } })`),
 * kept beside the feature rather than in one table every feature edits.
 */
export function wordsOf<const T extends Record<string, Phrase>>(table: T) {
  return (key: keyof T, current: Locale = locale()): string => table[key]![current];
}
