/** The wall clock as a signal, ticking every `everyMs` while its owner lives (countdowns, "ago"). */
import { type Accessor, createSignal, onCleanup } from 'solid-js';

export function createNow(everyMs = 1000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}

/** "Group 3" / "第 3 组". */
export function groupLabel(group: number, words: (key: 'group' | 'groupSuffix') => string): string {
  const suffix = words('groupSuffix');
  return suffix ? `${words('group')} ${group} ${suffix}` : `${words('group')} ${group}`;
}
