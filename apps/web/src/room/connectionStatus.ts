/**
 * The state of the page's link to the server, as one tagged union. The server refuses a
 * token either before the upgrade (HTTP 401/403: the browser only sees a failed socket) or
 * by closing the socket with 4401/4403 (final for y-websocket: it stops reconnecting).
 */
import type { Locale } from '@vnetlab/shared';

export type ConnectionStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'online' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'refused'; readonly message: string };

export type ProviderState = 'connecting' | 'connected' | 'disconnected';

export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

/** The message for a final close (4400–4499) or an HTTP refusal. */
export function refusalMessage(code: number, reason = ''): string {
  const detail = reason ? ` (${reason})` : '';
  if (code === CLOSE_UNAUTHORIZED || code === 401) {
    return `The server did not accept this link's token${detail}. Ask for a fresh link to the room.`;
  }
  if (code === CLOSE_FORBIDDEN || code === 403) {
    return `This token may not open this room${detail}. Check that the link is complete.`;
  }
  if (code === 4404 || code === 404) return `This room does not exist${detail}.`;
  return `The server closed the connection for good: code ${code}${detail}.`;
}

/** The page is online only when both documents (lab and results) are. */
export function combineStatus(
  states: readonly ProviderState[],
  refused: string | null,
  everOnline: boolean,
): ConnectionStatus {
  if (refused !== null) return { kind: 'refused', message: refused };
  if (states.length > 0 && states.every((s) => s === 'connected')) return { kind: 'online' };
  // Once online, anything less is "offline" (the provider keeps reconnecting meanwhile).
  return everOnline ? { kind: 'offline' } : { kind: 'connecting' };
}

/** The badge's words, in both of the page's languages. */
const STATUS_WORDS: Record<ConnectionStatus['kind'], Record<Locale, string>> = {
  connecting: { en: 'Connecting…', 'zh-CN': '连接中…' },
  online: { en: 'Online', 'zh-CN': '在线' },
  offline: { en: 'Offline — reconnecting', 'zh-CN': '离线 — 正在重新连接' },
  refused: { en: 'Access refused', 'zh-CN': '拒绝访问' },
};

export function statusLabel(status: ConnectionStatus, locale: Locale = 'en'): string {
  return STATUS_WORDS[status.kind][locale];
}
