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
  | { readonly kind: 'refused'; readonly refusal: Refusal };

/** Why the server refused for good: a final close code (4400–4499) or an HTTP status, and its reason. */
export interface Refusal {
  readonly code: number;
  readonly reason: string;
}

export type ProviderState = 'connecting' | 'connected' | 'disconnected';

export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

/** The message for a final close (4400–4499) or an HTTP refusal, in the page's language. */
export function refusalMessage(code: number, reason = '', locale: Locale = 'en'): string {
  const detail = reason ? (locale === 'zh-CN' ? `（${reason}）` : ` (${reason})`) : '';
  const zh = locale === 'zh-CN';
  if (code === CLOSE_UNAUTHORIZED || code === 401) {
    return zh
      ? `服务器不接受这个链接的令牌${detail}。请向老师或同伴要一个新的房间链接。`
      : `The server did not accept this link's token${detail}. Ask for a fresh link to the room.`;
  }
  if (code === CLOSE_FORBIDDEN || code === 403) {
    return zh
      ? `这个令牌不能打开这个房间${detail}。请检查链接是否完整。`
      : `This token may not open this room${detail}. Check that the link is complete.`;
  }
  if (code === 4404 || code === 404)
    return zh ? `这个房间不存在${detail}。` : `This room does not exist${detail}.`;
  return zh
    ? `服务器已永久关闭连接：代码 ${code}${detail}。`
    : `The server closed the connection for good: code ${code}${detail}.`;
}

/** The page is online only when both documents (lab and results) are. */
export function combineStatus(
  states: readonly ProviderState[],
  refused: Refusal | null,
  everOnline: boolean,
): ConnectionStatus {
  if (refused !== null) return { kind: 'refused', refusal: refused };
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
