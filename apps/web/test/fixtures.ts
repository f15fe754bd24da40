/** Labs the browser test opens. db starts on an internal network only: its goal is red. */
export const classroomLab = {
  format: 'vnetlab/1',
  title: 'NAT or NAT Network?',
  hypervisor: 'virtualbox',
  host: { nics: { eth0: { kind: 'ethernet', lan: 'home', ip: 'dhcp' } }, listen: ['tcp/8080'] },
  hostOnlyNetworks: {
    vboxnet0: {
      hostIp: '192.168.56.1/24',
      dhcp: { server: '192.168.56.100', from: '192.168.56.101', to: '192.168.56.254' },
    },
  },
  vms: {
    web: {
      name: 'web',
      adapters: [
        {
          mode: 'nat',
          portForwards: [{ name: 'ssh', proto: 'tcp', hostIp: '127.0.0.1', hostPort: 2222, guestPort: 22 }],
        },
        { mode: 'hostonly', network: 'vboxnet0' },
      ],
      listen: ['tcp/22', 'tcp/80'],
    },
    db: {
      adapters: [{ mode: 'internal', network: 'intnet', ip: { address: '10.10.0.2/24' } }],
      listen: ['tcp/5432'],
    },
  },
  goals: [
    {
      id: 'web-out',
      text: 'web reaches the internet',
      probe: { from: 'web', to: 'internet', kind: 'ping' },
      expect: true,
    },
    {
      id: 'db-out',
      text: 'db reaches the internet',
      probe: { from: 'db', to: 'internet', kind: 'ping' },
      expect: true,
    },
  ],
};

/** A bigger lab for the screenshots: every network mode at once. */
export const showcaseLab = {
  ...classroomLab,
  title: 'Every mode at once',
  natNetworks: { NatNetwork: { cidr: '10.0.2.0/24', dhcp: true } },
  vms: {
    ...classroomLab.vms,
    router: {
      name: 'router',
      adapters: [
        { mode: 'natnetwork', network: 'NatNetwork' },
        { mode: 'internal', network: 'intnet', ip: { address: '10.10.0.1/24' } },
        { mode: 'bridged', network: 'eth0', cable: false },
      ],
      ipForwarding: true,
      masquerade: [0],
    },
    client: {
      name: 'client',
      adapters: [
        { mode: 'natnetwork', network: 'NatNetwork' },
        { mode: 'hostonly', network: 'vboxnet0' },
      ],
    },
  },
  goals: [
    ...classroomLab.goals,
    {
      id: 'host-ssh',
      text: 'the host reaches web over ssh',
      probe: { from: 'host', to: 'web', kind: 'tcp', port: 22 },
      expect: true,
    },
  ],
};
