import { wordsOf } from '../i18n/locale';

export const packetWord = wordsOf({
  packets: { en: 'Packets', 'zh-CN': '数据包' },
  from: { en: 'From', 'zh-CN': '源' },
  to: { en: 'To', 'zh-CN': '目标' },
  kind: { en: 'Kind', 'zh-CN': '类型' },
  port: { en: 'Port', 'zh-CN': '端口' },
  send: { en: 'Send packet', 'zh-CN': '发送数据包' },
  replay: { en: 'Replay', 'zh-CN': '重放' },
  hops: { en: 'Hops', 'zh-CN': '逐跳路径' },
  asking: { en: 'Asking the engine…', 'zh-CN': '正在询问引擎…' },
  pick: {
    en: 'Pick two machines, or click a cell of the matrix, to watch a packet travel.',
    'zh-CN': '选择两台机器，或点击连通性矩阵中的单元格，观看数据包的路径。',
  },
  reached: { en: 'Delivered', 'zh-CN': '已送达' },
  notReached: { en: 'Not delivered', 'zh-CN': '未送达' },
  out: { en: 'request', 'zh-CN': '请求' },
  back: { en: 'reply', 'zh-CN': '应答' },
  send_: { en: 'send', 'zh-CN': '发送' },
  arp: { en: 'ARP', 'zh-CN': 'ARP' },
  forward: { en: 'forward', 'zh-CN': '转发' },
  translate: { en: 'translate', 'zh-CN': '地址转换' },
  deliver: { en: 'deliver', 'zh-CN': '送达' },
  drop: { en: 'drop', 'zh-CN': '丢弃' },
  noHops: { en: 'The packet never left.', 'zh-CN': '数据包没有发出。' },
  internet: { en: 'the internet', 'zh-CN': '互联网' },
  host: { en: 'host', 'zh-CN': '主机' },
  natOf: { en: 'NAT engine of', 'zh-CN': 'NAT 引擎：' },
  router: { en: 'router of', 'zh-CN': '路由器：' },
  natService: { en: 'NAT service of', 'zh-CN': 'NAT 服务：' },
});

export function actionWord(action: string): string {
  switch (action) {
    case 'send':
      return packetWord('send_');
    case 'arp':
    case 'forward':
    case 'translate':
    case 'deliver':
    case 'drop':
      return packetWord(action);
    default:
      return action;
  }
}
