/** A classroom-sized lab: `count` VMs, each with its own NAT and one of two internal networks. */
export function bigLab(count: number) {
  const vms: Record<string, unknown> = {};
  for (let i = 1; i <= count; i++) {
    vms[`vm${i}`] = {
      adapters: [{ mode: 'nat' }, { mode: 'internal', network: i % 3 ? 'lab' : 'dmz' }],
      listen: ['tcp/22'],
    };
  }
  return { format: 'vnetlab/1', title: `${count} VMs`, vms };
}
