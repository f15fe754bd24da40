/**
 * fast-check arbitraries for schema-valid lab files: every mode, static and DHCP
 * addresses, port forwards, firewalls, routers and host sharing, on either product.
 */
import fc from 'fast-check';

const MODES = ['none', 'nat', 'natnetwork', 'bridged', 'hostonly', 'internal'] as const;
const INTERNAL = ['intnet', 'lab', 'IntNet'];

export interface LabShape {
  /** Modes adapters may take. */
  readonly modes?: readonly (typeof MODES)[number][];
  /** Only DHCP addresses: no static duplicates (OS-3 makes reachability one-sided). */
  readonly dhcpOnly?: boolean;
  readonly maxVms?: number;
  readonly maxAdapters?: number;
}

const staticIp = fc
  .record({
    net: fc.constantFrom('192.168.56', '10.0.2', '10.10.0', '192.168.1', '172.16.0'),
    host: fc.integer({ min: 2, max: 30 }),
    gateway: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map(({ net, host, gateway }) => ({
    address: `${net}.${host}/24`,
    ...(gateway === undefined ? {} : { gateway: `${net}.${gateway}` }),
  }));

export function arbitraryLab(shape: LabShape = {}) {
  const modes = shape.modes ?? MODES;
  // Host ports are numbered once the lab is drawn (see `numberHostPorts`).
  const portForward = fc
    .record({ guestPort: fc.constantFrom(22, 80), hostIp: fc.constantFrom('', '127.0.0.1') })
    .map((rule) => ({ name: '', proto: 'tcp', hostIp: rule.hostIp, hostPort: 0, guestPort: rule.guestPort }));
  const adapter = fc
    .record({
      mode: fc.constantFrom(...modes),
      internal: fc.constantFrom(...INTERNAL),
      cable: fc.constantFrom(true, true, true, false),
      ip: shape.dhcpOnly ? fc.constant('dhcp' as const) : fc.oneof(fc.constant('dhcp' as const), staticIp),
      portForwards: fc.array(portForward, { maxLength: 2 }),
    })
    .map(({ mode, internal, cable, ip, portForwards }) => ({
      mode,
      ...(mode === 'internal' ? { network: internal } : {}),
      ...(cable ? {} : { cable: false }),
      ip,
      ...(mode === 'nat' && portForwards.length > 0 ? { portForwards } : {}),
    }));
  const vm = fc.record({
    adapters: fc.array(adapter, { maxLength: shape.maxAdapters ?? 3 }),
    listen: fc.subarray(['tcp/22', 'tcp/80', 'udp/53']),
    ipForwarding: fc.boolean(),
    masquerade: fc.subarray([0, 1]),
    firewall: fc.constantFrom(undefined, { icmp: false }, { allow: ['tcp/22'] }),
  });
  return fc
    .record({
      hypervisor: fc.constantFrom('virtualbox', 'vmware'),
      vms: fc.array(vm, { minLength: 1, maxLength: shape.maxVms ?? 5 }),
      share: fc.boolean(),
      internet: fc.boolean(),
      natNetworkForwards: fc.array(portForward, { maxLength: 1 }),
    })
    .map(numberHostPorts)
    .map(({ hypervisor, vms, share, internet, natNetworkForwards }) => ({
      format: 'vnetlab/1',
      hypervisor,
      host: {
        listen: ['tcp/8080'],
        ...(share
          ? { share: [{ network: hypervisor === 'vmware' ? 'vmnet1' : 'vboxnet0', via: 'eth0' }] }
          : {}),
      },
      lans: { home: { internet, devices: { laptop: { listen: ['tcp/80'] } } } },
      natNetworks: {
        [hypervisor === 'vmware' ? 'vmnet8' : 'NatNetwork']: {
          portForwards: natNetworkForwards.map((rule) => ({
            ...rule,
            guestIp: hypervisor === 'vmware' ? '192.168.200.128' : '10.0.2.4',
          })),
        },
      },
      internalNetworks: Object.fromEntries(
        INTERNAL.map((name, index) => [
          name,
          {
            dhcp: {
              server: `10.${20 + index}.0.1`,
              from: `10.${20 + index}.0.10`,
              to: `10.${20 + index}.0.99`,
            },
          },
        ]),
      ),
      // VMware keeps port forwards on the NAT network (vmnetnat.conf), never on an adapter.
      vms: Object.fromEntries(
        vms.map((machine, index) => [
          `vm${index}`,
          hypervisor === 'vmware' ? { ...machine, adapters: machine.adapters.map(withoutForwards) } : machine,
        ]),
      ),
    }));
}

function withoutForwards<T extends { portForwards?: unknown }>(adapter: T): Omit<T, 'portForwards'> {
  const { portForwards: _dropped, ...rest } = adapter;
  return rest;
}

/** Distinct host ports, so that no two rules conflict (conflicts are tested on their own). */
function numberHostPorts<
  T extends {
    vms: { adapters: { portForwards?: { name: string; hostPort: number }[] }[] }[];
    natNetworkForwards: { name: string; hostPort: number }[];
  },
>(lab: T): T {
  let port = 2000;
  const rules = [
    ...lab.vms.flatMap((vm) => vm.adapters.flatMap((adapter) => adapter.portForwards ?? [])),
    ...lab.natNetworkForwards,
  ];
  for (const rule of rules) {
    rule.hostPort = port++;
    rule.name = `r${rule.hostPort}`;
  }
  return lab;
}
