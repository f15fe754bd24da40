/**
 * 简体中文: the same verdicts as english.ts, in the words of each product's Chinese
 * interface: VirtualBox's (网卡, 接入网线, 仅主机(Host-Only)网络, 内部网络, 端口转发),
 * VMware Workstation's (网络适配器, 桥接模式, NAT 模式, 仅主机模式, 自定义, LAN 区段, 已连接),
 * virt-manager's and Hyper-V Manager's. Names inside the parameters (machines,
 * networks) stay as the student wrote them.
 */
import { chineseLabMessage } from '../lab/chineseLabErrors';
import { chineseLabel, chineseParams } from './chineseLabels';
import { type Renderers, renderWith, storedDetail, vmwareCustomVmnet, vmwareDhcpdConf } from './english';
import type { PfInactiveCause, Product, Why, WhyParams } from './why';

const MODE_NAMES: Record<string, string> = {
  nat: '网络地址转换(NAT)',
  natnetwork: 'NAT 网络',
  bridged: '桥接网卡',
  hostonly: '仅主机(Host-Only)网络',
  internal: '内部网络',
  none: '未连接',
};

/** 各产品自己界面里的叫法（virt-manager、Hyper-V 管理器）。 */
const PRODUCT_MODE_NAMES: Record<Product, Record<string, string>> = {
  virtualbox: MODE_NAMES,
  // VMware Workstation's Network connection choices (VMW-12): 桥接模式、NAT 模式、仅主机模式、LAN 区段.
  vmware: {
    nat: 'NAT 模式',
    natnetwork: 'NAT 模式',
    bridged: '桥接模式',
    hostonly: '仅主机模式',
    internal: 'LAN 区段',
    none: '未连接',
  },
  libvirt: {
    nat: 'NAT 网络',
    natnetwork: 'NAT 网络',
    bridged: '主机网桥',
    hostonly: '隔离网络',
    internal: '没有 IP 的网络',
    none: '未连接',
  },
  hyperv: {
    nat: '默认交换机（Default Switch）',
    natnetwork: '默认交换机（Default Switch）',
    bridged: '外部交换机',
    hostonly: '内部交换机',
    internal: '专用交换机',
    none: '未连接',
  },
};

function mode(name: string, product: Product = 'virtualbox'): string {
  return PRODUCT_MODE_NAMES[product][name] ?? name;
}

/** A VM's NIC as the product's settings name it: VMware's 网络适配器, everyone else's 网卡. */
function nic(product: Product | undefined): string {
  return product === 'vmware' ? '网络适配器' : '网卡';
}

/** VMW-1：VMware 对话框里，接在非默认 VMnet 上的网卡选的是“自定义”（特定虚拟网络 VMnetN）。 */
function vmwareAdapterChoice(p: WhyParams['missing-network']): string {
  const custom = vmwareCustomVmnet(p.mode, p.network);
  return custom === null
    ? `${p.vm} 的${nic(p.product)} ${p.adapter}（${mode(p.mode, p.product)}）指定的“${p.network}”`
    : `${p.vm} 的${nic(p.product)} ${p.adapter} 设为自定义（${custom}），该网络`;
}

/** 主机如何访问只有虚拟机所在的网络，用各产品自己的网络类型说。 */
function fromHost(product: Product | undefined): string {
  switch (product) {
    case 'libvirt':
      return '要从主机访问，请给该网络在主机上配一个 IP（隔离网络或 NAT 网络），或改用主机网桥';
    case 'hyperv':
      return '要从主机访问，请把网卡连接到内部交换机或外部交换机';
    case 'vmware':
      return '要从主机访问，请改用仅主机模式或桥接模式';
    default:
      return '要从主机访问，请用仅主机网络或桥接';
  }
}

function pfInactive(cause: PfInactiveCause): string {
  switch (cause.kind) {
    case 'vm-not-running':
      return `${cause.vm} 没有运行`;
    case 'no-guest-ip':
      return 'NAT 网络的端口转发规则必须填写子系统 IP';
    case 'host-service':
      return `主机自己的服务已经在监听 ${cause.proto}/${cause.port}`;
    case 'port-taken':
      return `主机端口 ${cause.port} 已被 ${chineseLabel(cause.owner)} 的规则“${cause.rule}”占用`;
  }
}

/** The host as the parameters name it once they are in Chinese (chineseParams). */
const HOST = chineseLabel('host');

const CHINESE: Renderers = {
  reached: (p) => `${p.from} 可以通过 ${p.address} 访问 ${p.to}`,
  forwarded: (p) => `${p.from} → ${p.via} 经端口转发规则“${p.rule}”转到 ${p.vm} 的 ${p.to}`,
  self: (p) => `${p.address} 是 ${p.from} 自己的地址：数据包根本没有离开 ${p.from}`,
  'unknown-endpoint': (p) => `这个实验里没有名为“${p.name}”的机器`,
  'not-a-source': (p) => `${p.name} 不能发起探测：它不是可以输入命令的机器`,
  'not-started': (p) =>
    `${p.vm} 无法启动：它的${nic(p.product)} ${p.adapter}（${mode(p.mode, p.product)}）指定的“${p.network}”不存在——请先创建它，或改选一个已有的网络`,
  'not-started-port': (p) =>
    `${p.vm} 无法启动：网卡 ${p.adapter} 的端口转发规则“${p.rule}”要用主机端口 ${p.port}，低于 1024，普通用户无权占用——请改用 1024 以上的端口`,
  'no-adapters': (p) => `${p.vm} 没有网卡`,
  'not-attached': (p) => `${p.vm} 的所有网卡都是“未连接”：它完全没有网络`,
  'cable-unplugged': (p) => {
    switch (p.product) {
      case 'libvirt':
        return `${p.vm} 的网卡 ${p.adapter} 链路已断开：请把它设为 up（virt-manager：链接状态“活动”；virsh domif-setlink）`;
      case 'hyperv':
        return `${p.vm} 的网卡 ${p.adapter} 没有连接到任何虚拟交换机：请在网卡设置中选择一个交换机（Connect-VMNetworkAdapter）`;
      case 'vmware':
        return `${p.vm} 的网络适配器 ${p.adapter} 未连接：在设备状态中勾选“已连接”才会有链路`;
      default:
        return `${p.vm} 的网卡 ${p.adapter} 没有接入网线：勾选“接入网线”才会有链路`;
    }
  },
  'no-lease': (p) => {
    const asks = `${p.node} 的${nic(p.product)} ${p.adapter} 通过 DHCP 请求地址，但“${p.network}”上没有 DHCP 服务器`;
    switch (p.product) {
      case 'hyperv':
        return `${asks}：Hyper-V 的内部交换机和专用交换机都没有 DHCP——请设置静态地址，或在该交换机上的某台虚拟机里运行 DHCP 服务器`;
      case 'libvirt':
        return `${asks}：请设置静态地址，或给该网络加一个 DHCP 地址范围（virsh net-edit：<dhcp><range …/></dhcp>）`;
      case 'vmware':
        return `${asks}：请设置静态地址，或在虚拟网络编辑器中为该 VMnet 启用本地 DHCP 服务（“Use local DHCP service to distribute IP address to VMs”）`;
      default:
        return `${asks}：请设置静态地址，或在该网络上启用 DHCP 服务器`;
    }
  },
  'dhcp-pool-empty': (p) =>
    `${p.node} 的${nic(p.product)} ${p.adapter} 通过 DHCP 请求地址，但 ${p.network} 上的 ${p.owner} 已经没有空闲地址：请扩大地址范围，或给这台机器设置静态地址`,
  'no-address': (p) => `${p.node} 没有可用的 IPv4 地址，无法访问 ${p.address}`,
  'network-unreachable': (p) =>
    `${p.node} 没有到 ${p.address} 的路由（网络不可达）：它需要在自己所在的某个网络上有一个能通往那里的网关`,
  'no-arp': (p) =>
    `${p.network} 上没有机器响应 ${p.address} 的 ARP 请求（Destination Host Unreachable）：那里没有这个地址`,
  'gateway-silent': (p) =>
    `${p.node} 的网关 ${p.gateway} 在 ${p.network} 上没有响应：那里没有机器使用这个地址`,
  'not-forwarding': (p) =>
    `${p.node} 收到了发往 ${p.address} 的数据包，但不在网卡之间转发：请在它上面开启 IP 转发`,
  'host-not-sharing': (p) => {
    switch (p.product) {
      case 'libvirt':
        return `主机不会把隔离网络 ${p.network} 的流量转发到 ${p.address}：隔离网络没有转发模式——请把它改成 NAT 网络或路由网络（virsh net-edit：<forward mode='nat'/>）`;
      case 'hyperv':
        return `主机不会把内部交换机 ${p.network} 的流量转发到 ${p.address}：请让主机共享它的网络连接（Internet 连接共享，或为其子网执行 New-NetNat），或改用默认交换机或外部交换机`;
      case 'vmware':
        return `主机不会把仅主机模式的 ${p.network} 的流量转发到 ${p.address}：请让主机共享它的网络连接（Linux：ip_forward 加 MASQUERADE；Windows：Internet 连接共享），或改用 NAT 模式`;
      default:
        return `主机不会把仅主机网络 ${p.network} 的流量转发到 ${p.address}：请让主机共享它的网络连接（Linux：ip_forward 加 MASQUERADE；Windows：Internet 连接共享）`;
    }
  },
  'no-internet': (p) => `局域网“${p.lan}”的路由器没有连上互联网`,
  'private-on-internet': (p) => `${p.address} 是私有地址：互联网不会路由它，它只在自己的网络内有效`,
  'routing-loop': (p) => `发往 ${p.address} 的数据包在 ${p.node} 处兜圈子：请检查路由`,
  'behind-nat': (p) => {
    switch (p.product) {
      case 'libvirt':
        return p.kind === 'ping'
          ? `${p.vm} 的地址 ${p.address} 在 ${p.network} 之后，该网络对虚拟机做地址伪装：主机之外的机器无法主动连进来，ping 也不行——要从 ${p.from} 访问它，请改用主机网桥（桥接）或路由网络`
          : `${p.vm} 的地址 ${p.address} 在 ${p.network} 之后，该网络对虚拟机做地址伪装，不放行新的入站连接（libvirt 网络没有端口转发）：要从 ${p.from} 访问它，请改用主机网桥（桥接）或路由网络，或在主机上加一条 DNAT 规则（libvirt wiki：qemu hook 脚本）`;
      case 'hyperv':
        return `${p.vm} 的地址 ${p.address} 在默认交换机（Default Switch）之后，外面的流量进不来，而且它没有端口转发：要从 ${p.from} 访问它，请把网卡连接到外部交换机（桥接）`;
      default:
        return p.kind === 'ping'
          ? `${p.vm} 的地址 ${p.address} 在 ${p.network} 之后，外面的流量进不来——端口转发只转发 TCP 和 UDP，所以 ${p.from} 无法 ping 通它`
          : `${p.vm} 的地址 ${p.address} 在 ${p.network} 之后，外面的流量进不来：${p.from} 要通过端口转发规则访问它`;
    }
  },
  'isolated-network': (p) =>
    p.kind === 'internal'
      ? p.from === HOST
        ? `${p.to} 的地址 ${p.address} 在 ${p.network} 上，只有接入它的虚拟机能访问——主机永远访问不到：${fromHost(p.product)}`
        : `${p.to} 的地址 ${p.address} 在 ${p.network} 上，只有接入它的虚拟机能访问：把 ${p.from} 也接入它，或经由同时接入两边的虚拟机路由`
      : `${p.to} 的地址 ${p.address} 在 ${p.network} 上，只有主机和它的虚拟机能访问：${p.from} 不在其中`,
  'nat-private': (p) =>
    `VirtualBox 的每个 NAT 引擎都是私有的：${p.from} 上的 ${p.address} 属于 ${p.from} 自己的 NAT 网络，而不是 ${p.to} 的——请把两台机器都接入同一个 NAT 网络、仅主机网络或内部网络`,
  'reached-other': (p) => `${p.address} 通向的是 ${p.other}，而不是 ${p.to}`,
  'nat-alias-dropped': (p) =>
    `${p.vm} 的 NAT 引擎不回应发往 ${p.address} 的${p.proto === 'icmp' ? '回显请求' : '连接'}（VirtualBox 7 默认关闭“localhost reachable”），客户端只会超时：请开启“localhost reachable”，或改用主机自己的地址`,
  'pf-reset': (p) =>
    `端口转发规则“${p.rule}”在主机上接受了连接，但 ${p.nat} 到不了 ${p.to}，于是重置连接：${storedDetail(p) ?? chinese(p.cause)}`,
  'no-reply-route': (p) =>
    `${p.node} 收到了数据包，但它发往 ${p.address} 的回复回不去：${storedDetail(p) ?? chinese(p.cause)}`,
  'needs-masquerade': (p) =>
    `${p.router} 把 ${p.address} 的数据包转进了 ${p.nat}，而后者只把回复发回它自己的网络，回复因此丢失：请在 ${p.router} 的 NAT 网卡上开启 IP 伪装（源地址转换）`,
  'reply-through-nat': (p) => `${p.node} 发往 ${p.address} 的回复经 NAT 换了源地址，对方认不出这是回复`,
  'pf-bound-elsewhere': (p) =>
    `${p.vm} 的端口转发规则“${p.rule}”只监听 ${p.bind}，${p.from} 用不上它：把主机 IP 留空即可监听主机的所有地址`,
  'pf-inactive': (p) => `端口转发规则“${p.rule}”没有生效：${storedDetail(p) ?? pfInactive(p.cause)}`,
  'no-target-address': (p) => `${p.to} 没有可访问的 IPv4 地址`,
  'firewall-icmp': (p) => `${p.node} 的防火墙丢弃 ping（ICMP echo）：访问它正在监听的 TCP 端口仍然可以通`,
  'firewall-public': (p) =>
    `${p.node} 的 Windows Defender 防火墙在 ${p.nic}（公用网络）上丢弃 ping（ICMP echo）：规则“文件和打印机共享(回显请求 - ICMPv4-In)”没有为公用配置文件启用（把该网络设为专用网络，或启用这条规则）`,
  'firewall-port': (p) => `${p.node} 的防火墙不放行 ${p.service}（连接超时）`,
  'windows-stealth': (p) =>
    `${p.node} 上没有程序监听 ${p.service}，而 Windows Defender 防火墙（默认开启）会悄悄丢弃它——既不回 TCP RST，也不回 ICMP 端口不可达——所以客户端等到超时，而不是被拒绝`,
  refused: (p) => `${p.node} 上没有程序监听 ${p.service}（连接被拒绝）`,
  'hop-send': (p) => `${p.node} 经 ${p.via} 从 ${p.src} 发往 ${p.dst}`,
  'hop-arp': (p) => `${p.network} 上的 ARP：${p.address} 的 MAC 是 ${p.mac}（${p.owner}）`,
  'hop-forward': (p) => `${p.node} 经 ${p.via} 转发到 ${p.dst}`,
  'hop-snat': (p) => `${p.node} 把源地址 ${p.from} 改写为 ${p.to}`,
  'hop-dnat': (p) => `${p.node} 按规则“${p.rule}”把 ${p.from} 转发到 ${p.to}`,
  'hop-proxy': (p) => `${p.node} 以 ${p.as} 的身份从主机自己的协议栈重新发出`,
  'hop-deliver': (p) => `${p.node} 在 ${p.address} 收到`,
  'dup-mac': (p) => `${p.a} 和 ${p.b} 的 MAC 地址都是 ${p.mac}：请给其中一个重新生成 MAC`,
  'dup-address': (p) =>
    `${p.a} 和 ${p.b} 在 ${p.network} 上都用 ${p.address}：回复会发给最后响应 ARP 的那一台`,
  'missing-network': (p) =>
    p.product === 'vmware'
      ? `${vmwareAdapterChoice(p)}不存在：虚拟机照常开机，但这块网卡处于未连接状态（“Virtual device Ethernet${p.adapter - 1} will start disconnected”）——请创建该网络或选择一个已有的网络`
      : `${p.vm} 的${nic(p.product)} ${p.adapter}（${mode(p.mode, p.product)}）指定的“${p.network}”不存在：虚拟机将无法启动`,
  'two-dhcp-servers': (p) =>
    `${p.network} 上有两个 DHCP 服务器（${p.a} 和 ${p.b}）：客户端会拿到相互冲突的地址`,
  'dhcp-no-server': (p) =>
    `${p.vm} 的${nic(p.product)} ${p.adapter} 在 ${p.network} 上请求 DHCP，但那里没有 DHCP 服务器：它拿不到 IPv4 地址`,
  'wifi-bridge': (p) =>
    `${p.vm} 的${p.product === 'VMware' ? '网络适配器' : '网卡'} ${p.adapter} 桥接到无线网卡 ${p.nic}：${p.product} 会把它的 MAC 改写成主机的，局域网上主机和虚拟机看起来是同一个 MAC（IPv4 和 IPv6 正常，其他协议不行）`,
  'pf-conflict': (p) => `${p.a} 和 ${p.b} 都要占用 ${p.bind} 的主机端口 ${p.port}：只有前一个能用`,
  'pf-privileged': (p) =>
    `${p.vm} 的规则“${p.rule}”使用主机端口 ${p.port}：${p.os} 主机不允许普通用户占用 1024 以下的端口，虚拟机将无法启动`,
  'pf-no-guest': (p) =>
    `${p.network} 的规则“${p.rule}”转发到 ${p.guestIp}，但那里没有虚拟机使用这个地址：规则无效`,
  'pf-bind-unknown': (p) =>
    `${p.owner} 的规则“${p.rule}”监听 ${p.bind}，这不是主机的地址：规则无法打开，请留空或填主机的某个地址`,
  'pf-host-service': (p) =>
    `${p.owner} 的规则“${p.rule}”要用主机端口 ${p.port}，但主机上的服务已经占用了它：请换一个主机端口`,
  'address-off-subnet': (p) =>
    `${p.machine} 的${nic(p.product)} ${p.adapter} 使用 ${p.address}，不在 ${p.network}（${p.subnet}）的范围内：那里没有人会响应——请在 ${p.subnet} 中选一个地址`,
  'gateway-off-link': (p) =>
    `${p.machine} 的${nic(p.product)} ${p.adapter} 的网关 ${p.gateway} 不在自己的子网 ${p.address} 内：Linux 不接受这样的默认路由`,
  'route-invalid-gateway': (p) =>
    `${p.vm} 到 ${p.to} 的路由经由 ${p.via}，但它的任何网卡都到不了这个地址：Linux 会拒绝（“Nexthop has invalid gateway”）`,
  // `what` is the engine's English noun; `field` says which one it is.
  'share-unknown': (p) =>
    `主机共享给了“${p.name}”，但它不是${p.field === 'via' ? '主机的网卡' : p.product === 'vmware' ? '仅主机模式的 VMnet' : '仅主机网络'}：共享不起作用`,
  'ics-readdress': (p) =>
    `Internet 连接共享会把主机在 ${p.network} 上的地址从 ${p.from} 改成 ${p.to}，并在那里运行自己的 DHCP 服务器：虚拟机要用 ${p.to.replace(/\/\d+$/, '')} 作网关和 DNS，${p.dhcp === 'off' ? '' : icsDhcpOff(p.product, p.network)}`,
  'share-no-gateway': (p) =>
    `主机把 ${p.network} 经 ${p.via} 转发并做地址伪装（${p.os === 'macos' ? 'net.inet.ip.forwarding 加 pf 的 nat 规则' : 'ip_forward 加 MASQUERADE'}），但${
      p.product === 'virtualbox'
        ? ` VirtualBox 在 ${p.network} 上的 DHCP 服务器（VBoxManage list dhcpservers 里的 HostInterfaceNetworking-${p.network}）既不下发网关，也不下发 DNS 服务器`
        : ` VMware 在 ${p.network} 上的 DHCP（${vmwareDhcpdConf(p.os, p.network)}）不下发网关，并把 ${p.host} 作为 DNS 服务器下发，而那里没有 DNS 服务`
    }：用它租约的虚拟机出不去——请给它们 ${p.host} 作默认网关，并用一个能访问到的 DNS 服务器（静态地址，或 ip route add default via ${p.host}）`,
  'matrix-omitted': (p) =>
    `这个实验有 ${p.machines} 台机器：房间只为不超过 ${p.limit} 台机器显示连通性矩阵，请逐对探测需要的机器`,
  'broadcast-domain': (p) => `${p.network} 是一个广播域，共 ${p.size} 个接口`,
  'hostonly-range': (p) =>
    `VirtualBox 拒绝把 ${p.address} 设给仅主机网卡 ${p.network}：自 6.1.28 起，Linux 和 macOS 主机上只允许 ${p.allowed}，所以这块网卡没有 IPv4 地址——请改用该范围内的地址，或在 /etc/vbox/networks.conf（host.networksConf）中放开该范围`,
  'default-switch-subnet': (p) =>
    `Hyper-V 的默认交换机（Default Switch）在主机每次启动时都会换一个子网（这里是 ${p.subnet}）：请依靠它的 DHCP 和名字，不要写死地址`,
  'wifi-no-bridge': (p) =>
    p.macvtap === 'yes'
      ? `${p.vm} 的网卡 ${p.adapter} 是无线网卡 ${p.nic} 上的 macvtap 设备：无线接入点只接收主机自己 MAC 的帧，而没有谁改写它们，所以这台虚拟机谁也连不上 —— 改用 NAT 网络（nat）或有线网卡`
      : `${p.vm} 无法启动：它的网卡 ${p.adapter} 接在建立于无线网卡 ${p.nic} 上的主机网桥上，而 Linux 不允许把无线网卡加入网桥（“Device does not allow enslaving to a bridge”），网桥根本不存在 —— 改用 NAT 网络（nat），或桥接有线网卡`,
  'macvtap-host': (p) =>
    `${p.vm} 接在主机网卡 ${p.nic} 的 macvtap 设备上：它的帧绕过主机自己的协议栈直接上线，所以主机和这台虚拟机互相访问不到（局域网上的机器可以）——请改用主机网桥（br0）`,
  'libvirt-rejects': (p) =>
    `主机上 libvirt 的防火墙规则（LIBVIRT_FWI）拒绝从外部新建到 ${p.network} 的连接：${p.by} 对发往 ${p.address} 的${p.kind === 'ping' ? '回显请求' : '连接'}回答“端口不可达”，客户端因此被拒绝——请改用主机网桥（桥接）或路由网络，或在主机上加一条 DNAT 规则`,
  'routed-needs-route': (p) =>
    `libvirt 网络 ${p.network} 是路由模式而不是 NAT：只有局域网路由器有一条经由主机（${p.via}）到 ${p.subnet} 的路由时，局域网上的机器才能回复——请把它加到该局域网的 routes 中`,
  'vmware-promiscuous': (p) =>
    p.device === ''
      ? `${p.vm} 的网络适配器 ${p.adapter}：VMware 的网络适配器没有混杂模式设置（那是 VirtualBox 的，这里不起作用）。抓包程序（如 tcpdump）运行时，子系统会自己打开混杂模式，而 ${p.host} 主机允许这样做，所以在 ${p.vm} 里抓包能看到 ${p.network} 上的所有帧`
      : `${p.vm} 的网络适配器 ${p.adapter}：VMware 的网络适配器没有混杂模式设置（那是 VirtualBox 的，这里不起作用）。抓包程序（如 tcpdump）运行时，子系统会自己打开混杂模式，而 Linux 主机只允许对 ${p.device} 有读写权限的用户这样做；否则 VMware 会提示“The virtual machine's operating system has attempted to enable promiscuous mode on adapter Ethernet${p.adapter - 1}. This is not allowed for security reasons.”，抓包只能看到发给自己的帧和广播帧——请在主机上运行“sudo chmod a+rw ${p.device}”（实验中：host.vmnetPromiscuous）`,
  'macos-hostonlynet': (p) =>
    `macOS 上的 VirtualBox 7 没有仅主机网卡：${p.network} 是由 macOS（vmnet）运行的仅主机网络，主机使用其最低地址 ${p.host}，并自己分配其余地址`,
  'invalid-lab': (p) =>
    p.path === '' ? chineseLabMessage(p.message) : `${p.path}：${chineseLabMessage(p.message)}`,
};

/** 要关掉哪个 DHCP 服务器，才能只剩 Internet 连接共享的那一个（用该产品自己的说法）。 */
function icsDhcpOff(product: Product | undefined, network: string): string {
  switch (product) {
    case 'vmware':
      return `，并应关闭 VMware 在 ${network} 上的 DHCP 服务（虚拟网络编辑器：取消勾选“Use local DHCP service to distribute IP address to VMs”）`;
    case 'libvirt':
      return `，并应删除该网络自己的 DHCP 地址范围（virsh net-edit ${network}）`;
    case 'hyperv':
      return '';
    default:
      return `，并应关闭 VirtualBox 为 ${network} 提供的 DHCP 服务器`;
  }
}

export function chinese(verdict: Why): string {
  return renderWith(CHINESE, { ...verdict, params: chineseParams(verdict.params) } as Why);
}
