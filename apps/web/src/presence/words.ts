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

/** Passing the wheel (DriveBar, the People list's badge). */
export const driveWord = wordsOf({
  driving: { en: 'driving', 'zh-CN': '驾驶中' },
  youDrive: { en: 'You are driving', 'zh-CN': '你在驾驶' },
  isDriving: { en: 'is driving', 'zh-CN': '正在驾驶' },
  nobody: { en: 'Nobody is driving', 'zh-CN': '没有人在驾驶' },
  drive: { en: 'Drive', 'zh-CN': '驾驶' },
  takeOver: { en: 'Take over', 'zh-CN': '接手驾驶' },
  asking: { en: 'Waiting for', 'zh-CN': '等待' },
  toAnswer: { en: 'to answer…', 'zh-CN': '回应…' },
  cancel: { en: 'Cancel request', 'zh-CN': '取消请求' },
  stopDriving: { en: 'Stop driving', 'zh-CN': '停止驾驶' },
  asks: { en: 'asks to drive', 'zh-CN': '请求驾驶' },
  letDrive: { en: 'Let them drive', 'zh-CN': '让对方驾驶' },
  keepDriving: { en: 'Keep driving', 'zh-CN': '继续驾驶' },
  keeps: { en: 'keeps driving', 'zh-CN': '继续驾驶' },
  driveBar: { en: 'Driving', 'zh-CN': '驾驶' },
});
