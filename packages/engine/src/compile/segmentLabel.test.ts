import { chineseLabel, type Hypervisor } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import type { SegmentKind } from './network';
import { labelSegment } from './segmentLabel';

const HYPERVISORS: readonly Hypervisor[] = ['virtualbox', 'vmware', 'libvirt', 'hyperv'];
const KINDS: readonly SegmentKind[] = ['lan', 'nat', 'natnetwork', 'hostonly', 'internal'];
/** Words a Chinese label may keep: product and protocol names, VirtualBox's own "Host-Only", and the student's names. */
const KEPT = /\b(Host-Only|NAT|LAN|IP|libvirt|Default Switch|net1|web)\b/g;

describe('labelSegment in Chinese', () => {
  // Every label the engine can put in a reason must have Chinese words (chineseLabels.ts).
  for (const hypervisor of HYPERVISORS) {
    for (const kind of KINDS) {
      const name =
        kind === 'nat'
          ? 'web/0'
          : kind === 'natnetwork' && hypervisor === 'hyperv'
            ? 'Default Switch'
            : 'net1';
      it(`words ${kind} on ${hypervisor}`, () => {
        const english = labelSegment(kind, name, hypervisor);
        const chinese = chineseLabel(english);
        expect(chinese).not.toBe(english);
        expect(chinese.replace(KEPT, '')).not.toMatch(/[A-Za-z]/);
      });
    }
  }

  it('words a Hyper-V switch that is not the Default Switch', () => {
    expect(chineseLabel(labelSegment('natnetwork', 'net1', 'hyperv'))).toBe('虚拟交换机 net1');
  });
});
