/**
 * The `ip` command line (iproute2): global options before the object (`-br`,
 * `-4`), objects by any prefix (`a`, `addr`, `l`, `r`, `n`), `show [dev] DEV`, and
 * `ip link set DEV up|down`, which changes the machine: the console answers it
 * with a lab edit of the adapter's cable (see `LabEdit`). Not root: EPERM, as the
 * kernel answers an unprivileged netlink request.
 */
import type { NetNode } from '../compile/network';
import { ipAddr, ipLink, ipRoute, type ShowOptions } from './ipAddr';
import { ipv6Routes } from './ipv6';
import { ipNeigh } from './neighbours';
import { answer, type ConsoleResult, type Shell } from './result';

const OBJECTS = ['address', 'link', 'route', 'neighbour', 'neighbor'] as const;

export function ip(shell: Shell, args: readonly string[]): ConsoleResult {
  let brief = false;
  let inet4 = false;
  let inet6 = false;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const option = args[i]!.replace(/^--?/, '-');
    if (option === '-br' || option === '-brief') brief = true;
    else if (option === '-4') inet4 = true;
    else if (option === '-6') inet6 = true;
    else if (['-c', '-color', '-s', '-stats', '-d', '-details', '-o', '-oneline'].includes(option)) continue;
    else return answer(`Option "${args[i]}" is unknown, try "ip -help".`, 255);
  }
  const [objectWord, verb, ...rest] = args.slice(i);
  if (objectWord === undefined) return answer(IP_USAGE, 255);
  const object = objectWord === 'a' ? 'address' : OBJECTS.find((name) => name.startsWith(objectWord));
  if (!object) return answer(`Object "${objectWord}" is unknown, try "ip help".`, 255);
  const showing = verb === undefined || ['show', 'list', 'lst', 'sh', 'ls', 'l'].includes(verb);
  if (object === 'link' && verb === 'set') return linkSet(shell, rest);
  if (!showing)
    return answer(
      `Command "${verb}" is unknown, try "ip ${object === 'address' ? 'addr' : object} help".`,
      255,
    );
  const devWords = rest[0] === 'dev' ? rest.slice(1) : rest;
  const dev = devWords[0] ?? null;
  if (dev !== null && dev !== 'lo' && !shell.node.ifaces.some((iface) => iface.name === dev))
    return answer(`Device "${dev}" does not exist.`, 1);
  const options: ShowOptions = { brief, inet4, inet6, dev };
  switch (object) {
    case 'address':
      return answer(ipAddr(shell.node, options));
    case 'link':
      return answer(ipLink(shell.node, options));
    case 'route':
      return answer(inet6 ? ipv6Routes(shell.node) : ipRoute(shell.node));
    case 'neighbour':
    case 'neighbor':
      // CON-4: the caches hold IPv4 gateways; no IPv6 neighbour (the lab has no IPv6 router) is cached.
      return answer(inet6 ? '' : ipNeigh(shell.node));
    default: {
      const unexpected: never = object;
      throw new Error(`unknown ip object ${String(unexpected)}`);
    }
  }
}

function linkSet(shell: Shell, words: readonly string[]): ConsoleResult {
  const rest = words[0] === 'dev' ? words.slice(1) : words;
  const [dev, state] = rest;
  if (!dev) return answer('Not enough information: "dev" argument is required.', 255);
  if (state !== 'up' && state !== 'down') {
    if (state === undefined) return answer('', 0);
    // CON-6: a word iproute2 does not know is its own error (iplink.c duparg2), exit 255;
    // a real setting other than up/down is the simulator's limit, said as such.
    if (!LINK_SET_KEYWORDS.has(state))
      return answer(`Error: either "dev" is duplicate, or "${state}" is a garbage.`, 255);
    return answer(`vnetlab: ip link set ${dev} ${state}: only "up" and "down" are simulated`, 2);
  }
  const iface = shell.node.ifaces.find((candidate) => candidate.name === dev);
  if (!iface && dev !== 'lo') return answer(`Cannot find device "${dev}"`, 1);
  if (!shell.sudo) return answer('RTNETLINK answers: Operation not permitted', 2);
  if (!iface) return answer('vnetlab: taking the loopback interface down is not simulated', 2);
  const path = cablePath(shell.node, iface.slot);
  if (path === null)
    return answer(
      `vnetlab: ${shell.node.label}'s ${dev} has no adapter in the lab to change (only a VM's adapters have a cable)`,
      2,
    );
  // Idempotent: writing the value the lab already holds changes nothing.
  return { output: '', exitCode: 0, probe: null, edit: { path, value: state === 'up' } };
}

/** The settings `ip link set` takes besides up/down (iproute2 ip/iplink.c iplink_parse). */
const LINK_SET_KEYWORDS = new Set([
  'mtu',
  'address',
  'broadcast',
  'brd',
  'peer',
  'name',
  'alias',
  'txqueuelen',
  'qlen',
  'txqlen',
  'promisc',
  'arp',
  'multicast',
  'allmulticast',
  'dynamic',
  'trailers',
  'carrier',
  'netns',
  'master',
  'nomaster',
  'vrf',
  'type',
  'group',
  'mode',
  'state',
  'vf',
  'xdp',
  'gso_max_size',
  'gso_max_segs',
  'protodown',
]);

function cablePath(node: NetNode, slot: number | null): string | null {
  if (node.kind !== 'vm' || node.vmId === null || slot === null) return null;
  return `vms.${node.vmId}.adapters[${slot}].cable`;
}

const IP_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | stats | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }`;
