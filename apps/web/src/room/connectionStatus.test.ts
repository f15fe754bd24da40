import { describe, expect, it } from 'vitest';
import { combineStatus, refusalMessage, statusLabel } from './connectionStatus';

describe('combineStatus', () => {
  it('is online only when both documents are connected', () => {
    expect(combineStatus(['connected', 'connected'], null, true)).toEqual({ kind: 'online' });
    expect(combineStatus(['connected', 'connecting'], null, false)).toEqual({ kind: 'connecting' });
  });

  it('is offline after a lost connection, connecting before the first one', () => {
    expect(combineStatus(['disconnected', 'connected'], null, true)).toEqual({ kind: 'offline' });
    expect(combineStatus(['disconnected', 'disconnected'], null, false)).toEqual({ kind: 'connecting' });
    expect(combineStatus(['connecting', 'connecting'], null, true)).toEqual({ kind: 'offline' });
  });

  it('a refusal wins over everything', () => {
    const status = combineStatus(['connected', 'connected'], { code: 4401, reason: '' }, true);
    expect(status).toEqual({ kind: 'refused', refusal: { code: 4401, reason: '' } });
    expect(statusLabel(status)).toBe('Access refused');
  });

  it('says each state in 简体中文 too', () => {
    expect(statusLabel({ kind: 'online' }, 'zh-CN')).toBe('在线');
    expect(statusLabel({ kind: 'offline' }, 'zh-CN')).toBe('离线 — 正在重新连接');
    expect(statusLabel({ kind: 'connecting' }, 'en')).toBe('Connecting…');
  });
});

describe('refusalMessage', () => {
  it('names the token for 4401 and 401, the room for 4403 and 403', () => {
    expect(refusalMessage(4401)).toMatch(/token/);
    expect(refusalMessage(401)).toMatch(/token/);
    expect(refusalMessage(4403, 'kicked')).toMatch(/may not open this room \(kicked\)/);
    expect(refusalMessage(4409)).toMatch(/4409/);
  });

  it("says it in 简体中文 too, with the server's reason", () => {
    expect(refusalMessage(4401, '', 'zh-CN')).toBe(
      '服务器不接受这个链接的令牌。请向老师或同伴要一个新的房间链接。',
    );
    expect(refusalMessage(4403, 'kicked', 'zh-CN')).toBe(
      '这个令牌不能打开这个房间（kicked）。请检查链接是否完整。',
    );
    expect(refusalMessage(404, '', 'zh-CN')).toBe('这个房间不存在。');
    expect(refusalMessage(4409, '', 'zh-CN')).toMatch(/代码 4409/);
  });
});
