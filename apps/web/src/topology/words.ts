/** The canvas's own words, English and 简体中文. */
import { wordsOf } from '../i18n/locale';

export const topologyWord = wordsOf({
  zoomIn: { en: 'Zoom in', 'zh-CN': '放大' },
  zoomOut: { en: 'Zoom out', 'zh-CN': '缩小' },
  fit: { en: 'Fit', 'zh-CN': '适应窗口' },
  arrange: { en: 'Arrange again', 'zh-CN': '重新排列' },
  legend: { en: 'Legend', 'zh-CN': '图例' },
  lan: { en: 'LAN', 'zh-CN': '局域网' },
  wan: { en: 'Internet uplink', 'zh-CN': '上联互联网' },
  unplugged: { en: 'Cable unplugged', 'zh-CN': '网线未连接' },
  forward: { en: 'Port forward', 'zh-CN': '端口转发' },
  noAddress: { en: 'no address', 'zh-CN': '无地址' },
  notStarted: { en: 'does not start', 'zh-CN': '无法启动' },
  diagnostics: { en: 'diagnostics', 'zh-CN': '诊断' },
  router: { en: 'router', 'zh-CN': '路由器' },
  internet: { en: 'Internet', 'zh-CN': '互联网' },
  host: { en: 'Host', 'zh-CN': '主机' },
  vms: { en: 'VMs', 'zh-CN': '台虚拟机' },
  canvasLabel: { en: 'Network diagram', 'zh-CN': '网络拓扑图' },
  hint: {
    en: 'Drag to arrange · wheel or buttons to zoom · drag the background to pan',
    'zh-CN': '拖动节点排列 · 滚轮或按钮缩放 · 拖动空白处平移',
  },
  empty: { en: 'Nothing to draw yet.', 'zh-CN': '还没有可绘制的内容。' },
  adapter: { en: 'adapter', 'zh-CN': '网卡' },
});

export type TopologyWord = Parameters<typeof topologyWord>[0];
