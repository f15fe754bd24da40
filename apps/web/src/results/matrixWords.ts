import { wordsOf } from '../i18n/locale';

export const matrixWord = wordsOf({
  corner: { en: 'from \\ to', 'zh-CN': '源 \\ 目标' },
  yes: { en: 'reaches', 'zh-CN': '可达' },
  no: { en: 'does not reach', 'zh-CN': '不可达' },
  none: { en: 'not probed', 'zh-CN': '未探测' },
  flipped: { en: 'just changed', 'zh-CN': '刚刚变化' },
  legend: { en: 'Legend', 'zh-CN': '图例' },
  skip: { en: 'Skip the matrix', 'zh-CN': '跳过矩阵' },
  grid: { en: 'Reachability matrix', 'zh-CN': '连通性矩阵' },
  keys: {
    en: 'Arrow keys move between cells; Enter shows why and plays the packet.',
    'zh-CN': '方向键在单元格间移动；回车显示原因并播放数据包。',
  },
  pickTitle: {
    en: 'Choose up to 12 machines for their matrix:',
    'zh-CN': '最多选择 12 台机器，查看它们之间的矩阵：',
  },
  show: { en: 'Show matrix', 'zh-CN': '显示矩阵' },
  probe: { en: 'Probe', 'zh-CN': '探测' },
  port: { en: 'Port', 'zh-CN': '端口' },
  asking: { en: 'Asking the engine…', 'zh-CN': '正在询问引擎…' },
  tooMany: { en: 'At most 12 machines.', 'zh-CN': '最多 12 台机器。' },
});
