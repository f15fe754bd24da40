import { wordsOf } from '../i18n/locale';

export const presenceWord = wordsOf({
  people: { en: 'People in this room', 'zh-CN': '房间里的人' },
  you: { en: 'you', 'zh-CN': '你' },
  projector: { en: 'projector', 'zh-CN': '投影' },
  instructor: { en: 'instructor', 'zh-CN': '老师' },
  noName: { en: '(no name yet)', 'zh-CN': '（还没有名字）' },
  follow: { en: 'Follow', 'zh-CN': '跟随' },
  following: { en: 'Following', 'zh-CN': '正在跟随' },
  stop: { en: 'Stop', 'zh-CN': '停止' },
  stopFollowing: { en: 'Stop following', 'zh-CN': '停止跟随' },
  hasOpen: { en: 'has open', 'zh-CN': '正在查看' },
  askTitle: { en: 'Join this room', 'zh-CN': '加入这个房间' },
  askText: {
    en: 'Your partners see this name beside your cursor, your console lines and your edits.',
    'zh-CN': '同伴会在你的光标、终端记录和修改旁看到这个名字。',
  },
  displayName: { en: 'Display name', 'zh-CN': '显示名称' },
  join: { en: 'Join', 'zh-CN': '加入' },
  open: { en: 'open', 'zh-CN': '打开了' },
});
