/**
 * The schema's messages (labErrors.ts, schema.ts, crossChecks.ts, parseLab.ts, limits.ts,
 * lockPaths.ts, versions.ts) in 简体中文, by the shape of each English message: the
 * English text is what the CLI, the server and the API print, byte for byte, so it is
 * never rebuilt from here. What the student typed, paths and field names stay as
 * written; a message of no known shape stays English rather than be guessed at.
 */

/** A value as describeValue (labErrors.ts) says it: a JSON literal, or words for the rest. */
const VALUE = String.raw`(nothing|null|a list|an object|"(?:[^"\\]|\\.)*"|[-\w.+]+)`;

const VALUE_WORDS: Record<string, string> = {
  nothing: '空值',
  null: 'null',
  'a list': '列表',
  'an object': '对象',
};

function value(text: string): string {
  return VALUE_WORDS[text] ?? text;
}

const TYPE_WORDS: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '列表',
};

/** What a zod bound counts: `Too big: expected array to have <=8 items`. */
const UNIT_WORDS: Record<string, string> = { characters: ' 个字符', items: ' 项', '': '' };

/** Where JSON.parse stopped, from V8's sentence ("… at position 2 (line 1 column 3)"). */
function jsonWhere(why: string): string {
  const line = /line (\d+) column (\d+)/.exec(why);
  if (line) return `（第 ${line[1]} 行第 ${line[2]} 列）`;
  const position = /position (\d+)/.exec(why);
  return position ? `（第 ${Number(position[1]) + 1} 个字符处）` : '';
}

type Shape = readonly [pattern: RegExp, chinese: (...parts: string[]) => string];

const shape = (source: string, chinese: (...parts: string[]) => string): Shape => [
  new RegExp(`^${source}$`, 's'),
  chinese,
];

const SHAPES: readonly Shape[] = [
  // labErrors.ts: the schema's own issues
  shape('is required', () => '必须填写'),
  shape(`${VALUE} must be (.+)`, (v, must) => `${value(v)} 必须是 ${must}`),
  shape(`${VALUE} is not one of (.+)`, (v, list) => `${value(v)} 不是以下之一：${list}`),
  shape(`expected (\\w+), got ${VALUE}`, (type, v) => `应为${TYPE_WORDS[type] ?? type}，实际是 ${value(v)}`),
  shape('is not a field of vnetlab/1', () => '不是 vnetlab/1 的字段'),
  shape(
    `${VALUE} is not (.+), nor an object of its fields`,
    (v, choices) => `${value(v)} 既不是 ${choices.replaceAll(' or ', ' 或 ')}，也不是写明其字段的对象`,
  ),
  shape(`${VALUE} is not allowed here`, (v) => `这里不能填 ${value(v)}`),
  shape(
    'Too (small|big): expected (\\w+) to (?:be|have) (>=|<=|>|<)(\\d+)(?: (characters|items))?',
    (size, _type, op, n, unit) =>
      `${size === 'small' ? '太小' : '太大'}：应${{ '>=': '不小于', '<=': '不大于', '>': '大于', '<': '小于' }[op] ?? op} ${n}${UNIT_WORDS[unit ?? ''] ?? ''}`,
  ),
  // schema.ts, versions.ts
  shape(
    `${VALUE} is not an IPv4 address \\(a\\.b\\.c\\.d\\)`,
    (v) => `${value(v)} 不是 IPv4 地址（a.b.c.d）`,
  ),
  shape(
    `${VALUE} is not an IPv4 address with a prefix \\(a\\.b\\.c\\.d/len\\)`,
    (v) => `${value(v)} 不是带前缀长度的 IPv4 地址（a.b.c.d/len）`,
  ),
  shape(
    `${VALUE} is not a service like (.+)`,
    (v, like) => `${value(v)} 不是形如 ${like.replace(' or ', ' 或 ')} 的服务`,
  ),
  shape(
    `${VALUE} is not a MAC address \\(12 hex digits, or (.+)\\)`,
    (v, example) => `${value(v)} 不是 MAC 地址（12 个十六进制数字，或 ${example}）`,
  ),
  shape(`${VALUE} is not 12 hex digits`, (v) => `${value(v)} 不是 12 个十六进制数字`),
  shape(
    `${VALUE} is not a version like (.+)`,
    (v, like) => `${value(v)} 不是形如 ${like.replace(' or ', ' 或 ')} 的版本号`,
  ),
  shape('a (\\w+) probe needs a port', (kind) => `${kind} 探测需要端口`),
  // lockPaths.ts
  shape('not a path', () => '不是路径'),
  shape('an empty path locks nothing', () => '空路径什么也锁不住'),
  shape(`${VALUE} is not a path like (.+)`, (v, like) => `${value(v)} 不是形如 ${like} 的路径`),
  shape(`${VALUE} matches nothing in this lab`, (v) => `${value(v)} 在这个实验里什么也匹配不到`),
  // parseLab.ts
  // The parser's own sentence is the JavaScript engine's English: only where it stopped is kept.
  shape('not valid JSON: (.*)', (why) => `不是有效的 JSON${jsonWhere(why)}`),
  shape(
    '"(.+)" names the (host|internet); give this VM another id',
    (id, what) => `“${id}”是${what === 'host' ? '主机' : '互联网'}的保留名称，请给这台虚拟机换一个 id`,
  ),
  shape(
    '"(.+)" names the (host|internet); give this device another name',
    (id, what) => `“${id}”是${what === 'host' ? '主机' : '互联网'}的保留名称，请给这台设备换一个名字`,
  ),
  shape(
    '"(.+)" is already the id of a VM; give this device another name',
    (id) => `“${id}”已经是一台虚拟机的 id，请给这台设备换一个名字`,
  ),
  shape(
    '"(.+)" is already a device of another LAN; give this one another name',
    (id) => `“${id}”已经是另一个局域网里的设备，请换一个名字`,
  ),
  shape(
    '(\\d+) adapters, but (.+) gives a VM at most (\\d+)',
    (n, product, limit) => `${n} 块网卡，但 ${product} 的虚拟机最多 ${limit} 块`,
  ),
  // crossChecks.ts
  shape('"(.*)" is already the id of another goal', (id) => `“${id}”已经是另一个目标的 id`),
  shape(
    '"(.*)" is not a machine of this lab \\(it has (.*)\\)',
    (name, listed) => `“${name}”不是这个实验里的机器（现有：${listed}）`,
  ),
  shape(
    '"(.*)" is not a machine of this lab, "internet" or an IPv4 address \\(it has (.*)\\)',
    (name, listed) => `“${name}”既不是这个实验里的机器，也不是 "internet" 或 IPv4 地址（现有：${listed}）`,
  ),
  shape(
    "port forwarding is an option of NAT mode; a NAT network's rules belong to (\\S+)",
    (path) => `端口转发是网络地址转换(NAT)模式的选项；NAT 网络的规则写在 ${path}`,
  ),
  shape(
    'is an option of NAT mode, and this adapter is in (\\w+) mode',
    (mode) => `是网络地址转换(NAT)模式的选项，而这块网卡是 ${mode} 模式`,
  ),
  shape(
    'in VMware, port forwards belong to the NAT network \\((\\S+), as vmnetnat.conf holds them\\)',
    (path) => `在 VMware 中，端口转发属于 NAT 网络（${path}，即 vmnetnat.conf 里的设置）`,
  ),
  shape(
    'is an option of VirtualBox NAT engines, not of (.+)',
    (product) => `是 VirtualBox NAT 引擎的选项，${product} 没有这个选项`,
  ),
  shape('(\\S+) network is too small', (cidr) => `${cidr} 网络太小`),
  shape('(\\S+) specifies zero prefix', (cidr) => `${cidr} 的前缀长度为 0`),
  shape(
    'Hyper-V has one NAT network, the "Default Switch"; other switches are External, Internal or Private',
    () => 'Hyper-V 只有一个 NAT 网络，即“Default Switch”（默认交换机）；其他交换机是外部、内部或专用交换机',
  ),
  shape(
    "/dev/vmnetN permissions are VMware's; this product sets promiscuous mode otherwise",
    () => '/dev/vmnetN 的权限是 VMware 的设置；这个产品用别的方式设置混杂模式',
  ),
  shape('"(.*)" is not a VMnet: (.+)', (name, range) => `“${name}”不是 VMnet：${range}`),
  shape(
    "bridged VMnets are VMware's; in VirtualBox a bridged adapter names the host NIC itself",
    () => '桥接的 VMnet 是 VMware 的；在 VirtualBox 中，桥接网卡直接指定主机的网卡',
  ),
  shape(
    '"(.*)" is not a bridged VMnet: VMware has vmnet0 and custom (\\S+)',
    (name, range) => `“${name}”不是桥接的 VMnet：VMware 有 vmnet0 和自定义的 ${range}`,
  ),
  shape('"(.*)" is not a NIC of the host \\((.*)\\)', (nic, nics) => `“${nic}”不是主机的网卡（${nics}）`),
  shape(
    'macvtap is a libvirt device \\(hypervisor: "libvirt"\\)',
    () => 'macvtap 是 libvirt 的设备（hypervisor: "libvirt"）',
  ),
  shape('macvtap is an option of bridged mode', () => 'macvtap 是桥接模式的选项'),
  shape("routed networks are libvirt's \\((.+)\\)", (xml) => `路由网络是 libvirt 的（${xml}）`),
  // limits.ts
  shape(
    'the lab is about (\\d+) bytes as JSON, at most (\\d+)',
    (n, max) => `这个实验的 JSON 约 ${n} 字节，最多 ${max} 字节`,
  ),
  shape('a value of about (\\d+) bytes', (n) => `一个约 ${n} 字节的值`),
  shape('(\\d+) machines, at most (\\d+)', (n, max) => `${n} 台机器，最多 ${max} 台`),
  shape('(\\d+) adapters, at most (\\d+)', (n, max) => `${n} 块网卡，最多 ${max} 块`),
  shape('(\\d+) networks, at most (\\d+)', (n, max) => `${n} 个网络，最多 ${max} 个`),
  shape('(\\d+) characters, at most (\\d+)', (n, max) => `${n} 个字符，最多 ${max} 个`),
  shape('nested more than (\\d+) deep', (n) => `嵌套超过 ${n} 层`),
  shape('(\\d+) elements, at most (\\d+)', (n, max) => `${n} 个元素，最多 ${max} 个`),
  shape('(\\d+) members, at most (\\d+)', (n, max) => `${n} 个成员，最多 ${max} 个`),
  shape('a key of (\\d+) characters, at most (\\d+)', (n, max) => `键长 ${n} 个字符，最多 ${max} 个`),
];

/** One schema message in Chinese; a message of no known shape unchanged. */
export function chineseLabMessage(message: string): string {
  for (const [pattern, chinese] of SHAPES) {
    const match = pattern.exec(message);
    if (match) return chinese(...match.slice(1).map((part) => part ?? ''));
  }
  return message;
}
