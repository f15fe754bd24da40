/**
 * VMW-13: a VMware adapter carrying VirtualBox's promiscuous-mode setting. VMware has none,
 * so the engine ignores it; the warning says what VMware does instead and, on a Linux host
 * that refuses, the command that lets the guest's capture see the VMnet.
 */
import { type Lab, why } from '@vnetlab/shared';
import { vmnetDeviceOf, vmwareAllowsPromiscuous } from '../rules/promiscuous';
import type { Add } from './diagnose';

const HOST_NAMES = { linux: 'Linux', windows: 'Windows', macos: 'macOS' } as const;

export function diagnosePromiscuous(lab: Lab, add: Add): void {
  if (lab.hypervisor !== 'vmware') return;
  for (const vm of lab.vms) {
    for (const adapter of vm.adapters) {
      if (adapter.promiscuous === 'deny' || adapter.mode === 'none') continue;
      const vmnet = vmnetDeviceOf(adapter);
      const allowed = vmwareAllowsPromiscuous(lab, adapter);
      add(
        'warning',
        why('vmware-promiscuous', {
          vm: vm.name,
          adapter: adapter.slot + 1,
          network: adapter.network,
          // A LAN segment has no device of its own: every /dev/vmnet* must be open to the user.
          device: allowed ? '' : `/dev/${vmnet ?? 'vmnet*'}`,
          host: HOST_NAMES[lab.host.os],
        }),
        `vms.${vm.id}.adapters[${adapter.slot}].promiscuous`,
      );
    }
  }
}
