/** Small labs the server's tests share. */
import type { JsonObject } from '@vnetlab/shared';

/** One goal, unmet until the student plugs web's adapter into NAT. */
export const unpluggedLab: JsonObject = {
  format: 'vnetlab/1',
  title: 'Get web online',
  vms: { web: { adapters: [{ mode: 'none' }] } },
  goals: [
    { id: 'web-out', text: 'web reaches the internet', probe: { from: 'web', to: 'internet', kind: 'ping' } },
  ],
};
