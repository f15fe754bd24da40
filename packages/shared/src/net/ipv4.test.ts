import { describe, expect, it } from 'vitest';
import { broadcastOf, formatIpv4, hostIn, inSubnet, isPublic, parseCidr, parseIpv4 } from './ipv4';

describe('ipv4', () => {
  it('parses and formats dotted quads', () => {
    expect(formatIpv4(parseIpv4('192.168.56.101')!)).toBe('192.168.56.101');
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
  });

  it('refuses what is not an address', () => {
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', 'a.b.c.d', '1.2.3.4 ', '']) {
      expect(parseIpv4(bad), bad).toBeNull();
    }
  });

  it('parses prefixes and computes subnets', () => {
    const net = parseCidr('10.0.2.15/24')!;
    expect(net.prefix).toBe(24);
    expect(formatIpv4(hostIn(net, 2))).toBe('10.0.2.2');
    expect(formatIpv4(broadcastOf(net.ip, net.prefix))).toBe('10.0.2.255');
    expect(inSubnet(parseIpv4('10.0.3.15')!, net)).toBe(false);
    expect(parseCidr('10.0.2.0/33')).toBeNull();
  });

  it('tells public from private', () => {
    expect(isPublic(parseIpv4('93.184.215.14')!)).toBe(true);
    expect(isPublic(parseIpv4('172.20.0.1')!)).toBe(false);
  });
});
