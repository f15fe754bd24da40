/**
 * An entry of the room's history in words, in the page's language: who, what changed
 * ("switched vm2 (adapter 1) to NAT") and which reachability cells flipped
 * ("vm2 → vm1 stopped answering").
 */
import type { Hypervisor, JsonValue, Locale } from '@vnetlab/shared';
import { authorName } from '../classroom/authorNames';
import { linkChangeWords } from '../editor/adapterWords';
import { fill as fillIn } from '../editor/words';
import { locale } from '../i18n/locale';
import { adapterTag } from '../lab/kindWords';
import type { ChangeView, FlipView, HistoryEntryView } from './timelineView';

type Lines = { readonly [L in Locale]: string };

const fill = (template: Lines, current: Locale, values: Record<string, string>) =>
  template[current].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

const T = {
  someone: { en: 'Someone', 'zh-CN': '有人' },
  and: { en: ' and ', 'zh-CN': '和' },
  addedVm: { en: 'added VM {vm}', 'zh-CN': '添加了虚拟机 {vm}' },
  removedVm: { en: 'deleted VM {vm}', 'zh-CN': '删除了虚拟机 {vm}' },
  mode: { en: 'switched {vm} (adapter {n}) to {value}', 'zh-CN': '把 {vm}（网卡 {n}）改为 {value}' },
  network: {
    en: 'set the network of {vm} (adapter {n}) to {value}',
    'zh-CN': '把 {vm}（网卡 {n}）的网络改为 {value}',
  },
  enabled: { en: 'enabled {vm} (adapter {n})', 'zh-CN': '启用了 {vm}（网卡 {n}）' },
  disabled: { en: 'disabled {vm} (adapter {n})', 'zh-CN': '禁用了 {vm}（网卡 {n}）' },
  adapters: { en: 'changed the adapters of {vm}', 'zh-CN': '修改了 {vm} 的网卡' },
  renamed: { en: 'renamed {vm} to {value}', 'zh-CN': '把 {vm} 改名为 {value}' },
  title: { en: 'renamed the lab to {value}', 'zh-CN': '把实验改名为 {value}' },
  added: { en: 'set {path} to {value}', 'zh-CN': '设置 {path} 为 {value}' },
  removed: { en: 'removed {path}', 'zh-CN': '删除了 {path}' },
  changed: { en: 'changed {path} from {before} to {value}', 'zh-CN': '把 {path} 从 {before} 改为 {value}' },
  stopped: { en: '{from} → {to}{probe} stopped answering', 'zh-CN': '{from} → {to}{probe} 不再连通' },
  answers: { en: '{from} → {to}{probe} now answers', 'zh-CN': '{from} → {to}{probe} 现在连通' },
  more: { en: '… and {n} more', 'zh-CN': '……还有 {n} 项' },
} as const satisfies Record<string, Lines>;

/** `vms.vm2.adapters[0].mode`, the path syntax of the lab's errors. */
export function formatSegments(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function short(value: JsonValue | undefined): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** A mode in the words of the lab's product (the dialog's choice for an adapter on its default network). */
function modeWord(
  hypervisor: Hypervisor,
  mode: JsonValue | undefined,
  fallback: string,
  lang: Locale,
): string {
  if (typeof mode !== 'string') return fallback;
  return adapterTag(hypervisor, { mode, network: '', cable: true }, fallback, lang);
}

export function describeChange(
  change: ChangeView,
  current: Locale = locale(),
  hypervisor: Hypervisor = 'virtualbox',
): string {
  const { path, before, after } = change;
  const [root, vm, field, slot, leaf] = path;
  const value = short(after);
  if (root === 'vms' && typeof vm === 'string') {
    if (path.length === 2 && before === undefined) return fill(T.addedVm, current, { vm });
    if (path.length === 2 && after === undefined) return fill(T.removedVm, current, { vm });
    if (field === 'name' && path.length === 3) return fill(T.renamed, current, { vm, value });
    if (field === 'adapters' && path.length === 3) return fill(T.adapters, current, { vm });
    if (field === 'adapters' && typeof slot === 'number' && path.length === 5) {
      const n = String(slot + 1);
      if (leaf === 'mode')
        return fill(T.mode, current, { vm, n, value: modeWord(hypervisor, after, value, current) });
      if (leaf === 'network') return fill(T.network, current, { vm, n, value });
      if (leaf === 'cable') {
        return fillIn(linkChangeWords(hypervisor, after !== false, current), { vm, n });
      }
      if (leaf === 'enabled') return fill(after === false ? T.disabled : T.enabled, current, { vm, n });
    }
  }
  if (root === 'title' && path.length === 1 && after !== undefined) return fill(T.title, current, { value });
  const formatted = formatSegments(path);
  if (before === undefined) return fill(T.added, current, { path: formatted, value });
  if (after === undefined) return fill(T.removed, current, { path: formatted });
  return fill(T.changed, current, { path: formatted, before: short(before), value });
}

export function describeFlip(flip: FlipView, current: Locale = locale()): string {
  const probe = flip.probe && flip.probe !== 'ping' ? ` (${flip.probe})` : '';
  return fill(flip.reachable ? T.answers : T.stopped, current, { from: flip.from, to: flip.to, probe });
}

export function authorsOf(entry: HistoryEntryView, current: Locale = locale()): string {
  // In a class, `by` holds keys: the names (or a watcher's aliases) come from the class.
  const names = entry.by.map((name) => authorName(name) || T.someone[current]);
  return names.length > 0 ? names.join(T.and[current]) : T.someone[current];
}

/** "Ana switched vm2 (adapter 1) to NAT: vm2 → vm1 stopped answering". */
export function describeEntry(entry: HistoryEntryView, current: Locale = locale(), maxChanges = 3): string {
  const said = entry.changes.slice(0, maxChanges).map((c) => describeChange(c, current));
  if (entry.changes.length > maxChanges)
    said.push(fill(T.more, current, { n: String(entry.changes.length - maxChanges) }));
  const sep = current === 'zh-CN' ? '；' : '; ';
  const what = `${authorsOf(entry, current)}${current === 'zh-CN' ? '' : ' '}${said.join(sep)}`;
  if (entry.flips.length === 0) return what;
  const flips = entry.flips.map((f) => describeFlip(f, current)).join(current === 'zh-CN' ? '，' : ', ');
  return `${what}${current === 'zh-CN' ? '：' : ': '}${flips}`;
}
