/** The start page's words, in every language the page speaks. */
import { wordsOf } from '../i18n/locale';

export const startWord = wordsOf({
  intro: {
    en: 'Wire virtual machines to NAT, NAT Network, Bridged, Host-only and Internal networks, and see together what reaches what — and why not. Each room has its own link: share it with your group.',
    'zh-CN':
      '把虚拟机接入网络地址转换(NAT)、NAT 网络、桥接网卡、仅主机(Host-Only)网络和内部网络，一起看清谁能访问谁——以及为什么不能。每个房间都有自己的链接：把它分享给你的小组。',
  },
  newRoom: { en: 'Open a new room', 'zh-CN': '新建房间' },
  emptyLab: { en: 'Empty lab', 'zh-CN': '空白实验' },
  labFile: { en: 'Lab file…', 'zh-CN': '实验文件…' },
  scenarios: { en: 'Scenarios', 'zh-CN': '实验场景' },
  loading: { en: 'Loading…', 'zh-CN': '正在加载…' },
  noScenarios: { en: 'No scenarios on this server.', 'zh-CN': '这个服务器上没有实验场景。' },
  vms: { en: 'VMs', 'zh-CN': '台虚拟机' },
  goals: { en: 'goals', 'zh-CN': '个目标' },
  open: { en: 'Open', 'zh-CN': '打开' },
  unreachable: { en: 'cannot reach the server', 'zh-CN': '无法连接服务器' },
  notJson: { en: 'not valid JSON', 'zh-CN': '不是有效的 JSON' },
  answered: { en: 'the server answered', 'zh-CN': '服务器返回' },
});
