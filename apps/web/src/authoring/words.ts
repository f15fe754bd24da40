import { wordsOf } from '../i18n/locale';

export const authorWord = wordsOf({
  scenario: { en: 'Scenario', 'zh-CN': '场景' },
  editGoals: { en: 'Goals to reach', 'zh-CN': '要达成的目标' },
  expect: { en: 'Expect', 'zh-CN': '预期' },
  // The pickers' names: the packet panel's From / To / Kind / Port are on the same page.
  goalFrom: { en: 'Goal from', 'zh-CN': '目标的源' },
  goalTo: { en: 'Goal to', 'zh-CN': '目标的目的地' },
  goalKind: { en: 'Goal kind', 'zh-CN': '目标的类型' },
  goalPort: { en: 'Goal port', 'zh-CN': '目标的端口' },
  succeeds: { en: 'succeeds', 'zh-CN': '成功' },
  fails: { en: 'fails', 'zh-CN': '失败' },
  goalText: { en: 'Goal text', 'zh-CN': '目标说明' },
  addGoal: { en: 'Add goal', 'zh-CN': '添加目标' },
  removeGoal: { en: 'Remove goal', 'zh-CN': '删除目标' },
  noGoals: { en: 'No goals yet.', 'zh-CN': '还没有目标。' },
  lockedPaths: { en: 'Locked paths', 'zh-CN': '锁定的路径' },
  lockedHelp: {
    en: 'Fields students may read but not change, e.g. vms.web.adapters[0].mode (* for any key or index).',
    'zh-CN': '学生只能查看、不能修改的字段，例如 vms.web.adapters[0].mode（* 表示任意键或下标）。',
  },
  lockedPath: { en: 'Locked path', 'zh-CN': '锁定路径' },
  lock: { en: 'Lock path', 'zh-CN': '锁定路径' },
  unlock: { en: 'Unlock', 'zh-CN': '解除锁定' },
  noLocked: { en: 'Nothing is locked.', 'zh-CN': '没有锁定任何字段。' },
  matchesNothing: { en: 'matches nothing in this lab', 'zh-CN': '在此实验中没有匹配的字段' },
  badPath: {
    en: 'is not a path like vms.web.adapters[0].mode',
    'zh-CN': '不是形如 vms.web.adapters[0].mode 的路径',
  },
  title: { en: 'Title', 'zh-CN': '标题（英文）' },
  titleZh: { en: 'Title (简体中文)', 'zh-CN': '标题（简体中文）' },
  save: { en: 'Save as scenario', 'zh-CN': '另存为场景' },
  checking: { en: 'Checking the scenario…', 'zh-CN': '正在检查场景…' },
  checkOk: {
    en: 'Saved. The check passes: every goal is met.',
    'zh-CN': '已保存。检查通过：所有目标均已达成。',
  },
  checkGoals: {
    en: 'Saved. The check fails: not every goal is met.',
    'zh-CN': '已保存。检查未通过：并非所有目标都已达成。',
  },
  checkErrors: { en: 'Saved, but the check finds errors:', 'zh-CN': '已保存，但检查发现错误：' },
  checkFailed: { en: 'Saved; the check could not be run:', 'zh-CN': '已保存；无法运行检查：' },
});

export type AuthorWord = Parameters<typeof authorWord>[0];
