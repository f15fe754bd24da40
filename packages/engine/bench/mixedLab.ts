/**
 * A lab of `vmCount` VMs mixing every mode (NAT with a port forward, NAT Network,
 * bridged, host-only, internal networks, two adapters), with ten goals: what the
 * engine and relay benches compute at 10, 100 and 1,000 VMs.
 */
export function mixedLab(vmCount: number): Record<string, unknown> {
  const vms: Record<string, unknown> = {};
  for (let i = 0; i < vmCount; i++) {
    const kind = i % 6;
    const adapters =
      kind === 0
        ? [
            {
              mode: 'nat',
              portForwards: [
                { name: `ssh${i}`, proto: 'tcp', hostIp: '', hostPort: 10000 + i, guestPort: 22 },
              ],
            },
          ]
        : kind === 1
          ? [{ mode: 'natnetwork' }]
          : kind === 2
            ? [{ mode: 'bridged' }]
            : kind === 3
              ? [{ mode: 'hostonly' }]
              : kind === 4
                ? [{ mode: 'internal', network: `team${i % 10}` }]
                : [{ mode: 'nat' }, { mode: 'hostonly' }];
    vms[`vm${i}`] = { adapters, listen: i % 2 === 0 ? ['tcp/22'] : [] };
  }
  const internalNetworks = Object.fromEntries(
    Array.from({ length: 10 }, (_, t) => [
      `team${t}`,
      { dhcp: { server: `10.${100 + t}.0.1`, from: `10.${100 + t}.0.10`, to: `10.${100 + t}.3.250` } },
    ]),
  );
  return {
    format: 'vnetlab/1',
    title: `bench ${vmCount}`,
    lans: {
      home: {
        cidr: '192.168.0.0/20',
        gateway: '192.168.0.1',
        dhcp: { from: '192.168.1.1', to: '192.168.15.250' },
      },
    },
    hostOnlyNetworks: {
      vboxnet0: {
        hostIp: '192.168.56.1/22',
        dhcp: { server: '192.168.56.100', from: '192.168.56.101', to: '192.168.59.250' },
      },
    },
    natNetworks: { NatNetwork: { cidr: '10.0.0.0/20' } },
    internalNetworks,
    vms,
    goals: Array.from({ length: 10 }, (_, g) => ({
      id: `g${g}`,
      probe: {
        from: `vm${(g * 7) % vmCount}`,
        to: g % 2 ? 'internet' : `vm${(g * 13 + 1) % vmCount}`,
        kind: 'ping',
      },
    })),
  };
}
