/**
 * Diagnostics of the rules that follow the product's version (rules/versions.ts):
 * a host-only address VirtualBox refuses (VB61-HO-1), and what a macOS host's
 * VirtualBox 7 does with host-only adapters (VB7-HO-1).
 */
import { formatIpv4, type Lab, parseCidr, why } from '@vnetlab/shared';
import { hostOnlyRangeRefused, usesHostOnlyNetworks } from '../rules/versions';
import type { Add } from './diagnose';

export function diagnoseVersions(lab: Lab, add: Add): void {
  const vmnet = usesHostOnlyNetworks(lab);
  for (const net of lab.hostOnlyNetworks) {
    const hostIp = parseCidr(net.hostIp)!;
    const path = `hostOnlyNetworks.${net.name}.hostIp`;
    const allowed = hostOnlyRangeRefused(lab, hostIp.ip);
    if (allowed) {
      add(
        'error',
        why('hostonly-range', { network: net.name, address: net.hostIp, allowed: allowed.join(', ') }),
        path,
      );
    }
    const used = lab.vms.some((vm) =>
      vm.adapters.some((adapter) => adapter.mode === 'hostonly' && adapter.network === net.name),
    );
    if (vmnet && used)
      add('info', why('macos-hostonlynet', { network: net.name, host: formatIpv4(hostIp.ip) }), path);
  }
}
