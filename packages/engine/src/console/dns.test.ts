/**
 * dig and nslookup ask the resolver of resolv.conf. VirtualBox's NAT DNS (10.0.2.3)
 * proxies to the host's resolvers, so internet names resolve when the host reaches
 * the internet; the lab's machines are in no DNS, only a machine's own name is in
 * its /etc/hosts.
 */
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';

const lab = testLab({
  vms: {
    web: { adapters: [{ mode: 'nat' }] },
    db: { adapters: [{ mode: 'nat' }] },
    lonely: {
      adapters: [{ mode: 'internal', network: 'x', ip: { address: '10.5.0.2/24', dns: ['10.5.0.1'] } }],
    },
  },
});
const offline = testLab({
  lans: { home: { internet: false } },
  vms: { web: { adapters: [{ mode: 'nat' }] } },
});

describe('dig and nslookup', () => {
  it('[CON-9] dig -p PORT asks that port: a VMware UDP forward on the host answers, a closed one refuses', () => {
    const t = testLab({
      hypervisor: 'vmware',
      lans: { home: { devices: { laptop: {} } } },
      natNetworks: {
        vmnet8: {
          portForwards: [
            {
              name: 'dns',
              proto: 'udp',
              hostIp: '',
              hostPort: 5353,
              guestIp: '192.168.200.128',
              guestPort: 53,
            },
          ],
        },
      },
      vms: { d: { adapters: [{ mode: 'nat' }], listen: ['udp/53'] } },
    });
    const host = '192.168.1.100';
    expect(t.exec('laptop', `dig @${host} -p 5353 example.com`)).toContain(
      `;; SERVER: ${host}#5353(${host}) (UDP)`,
    );
    expect(t.exec('laptop', `dig @${host} -p 5354 +short example.com`)).toContain(
      `;; communications error to ${host}#5354: connection refused`,
    );
    expect(t.run('laptop', 'dig -p 70000 example.com')).toMatchObject({
      output: "dig: Couldn't parse port number",
      exitCode: 10,
    });
  });

  it('an internet name: the answer section, from the NAT DNS proxy', () => {
    const out = lab.exec('web', 'dig example.com');
    expect(out).toContain(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ');
    expect(out).toContain(';example.com.\t\t\tIN\tA');
    expect(out).toContain(';; ANSWER SECTION:\nexample.com.\t\t300\tIN\tA\t93.184.215.14');
    expect(out).toContain(';; SERVER: 10.0.2.3#53(10.0.2.3) (UDP)');
    expect(lab.exec('web', 'dig +short www.example.com')).toBe('93.184.215.14');
    expect(lab.exec('web', 'nslookup example.com')).toBe(
      'Server:\t\t10.0.2.3\nAddress:\t10.0.2.3#53\n\nNon-authoritative answer:\nName:\texample.com\nAddress: 93.184.215.14\n',
    );
  });

  it("[CON-1] the lab's machines are not in DNS: NXDOMAIN, even for the machine's own name", () => {
    expect(lab.exec('web', 'dig db.lab')).toContain('status: NXDOMAIN');
    expect(lab.exec('web', 'dig +short db')).toBe('');
    expect(lab.run('web', 'nslookup db')).toMatchObject({
      output: expect.stringContaining("** server can't find db: NXDOMAIN"),
      exitCode: 1,
    });
    // ping reads /etc/hosts first: the own hostname is 127.0.1.1, as on Debian and Ubuntu.
    expect(lab.exec('web', 'ping -c 1 web')).toContain('PING web (127.0.1.1) 56(84) bytes of data.');
    expect(lab.exec('web', 'dig +short web')).toBe('');
    expect(lab.exec('web', 'cat /etc/hosts').split('\n').slice(0, 2)).toEqual([
      '127.0.0.1 localhost',
      '127.0.1.1 web',
    ]);
    expect(lab.exec('web', 'ping db')).toBe('ping: db: Name or service not known');
  });

  it('no DNS server reachable: timed out, three tries, exit 9', () => {
    const out = lab.run('lonely', 'dig example.com');
    expect(out.exitCode).toBe(9);
    expect(out.output.split('\n').slice(0, 3)).toEqual(
      Array(3).fill(';; communications error to 10.5.0.1#53: timed out'),
    );
    expect(out.output).toMatch(/;; no servers could be reached$/);
    expect(lab.run('lonely', 'nslookup example.com').exitCode).toBe(1);
  });

  it('[CON-1] the NAT DNS proxy answers only when the host reaches the internet', () => {
    expect(offline.exec('web', 'dig +short example.com')).toMatch(/timed out/);
    expect(offline.exec('web', 'ping example.com')).toBe(
      'ping: example.com: Temporary failure in name resolution',
    );
  });

  it('-x asks for a PTR record (none exist here); another type of an existing name is NOERROR without an answer', () => {
    expect(lab.exec('web', 'dig -x 10.0.2.2')).toContain(';2.2.0.10.in-addr.arpa.\t\tIN\tPTR');
    expect(lab.exec('web', 'dig -x 10.0.2.2')).toContain('status: NXDOMAIN');
    const mx = lab.exec('web', 'dig example.com MX');
    expect(mx).toContain('status: NOERROR');
    expect(mx).toContain('ANSWER: 0, AUTHORITY: 1');
    expect(lab.run('web', 'dig -q x')).toMatchObject({ output: 'Invalid option: -q', exitCode: 1 });
  });

  it('@server asks another resolver', () => {
    expect(lab.exec('web', 'dig @93.184.215.14 +short example.com')).toBe('93.184.215.14');
  });

  it('[CON-5] dig @server says how many servers it found, before the global options', () => {
    const head = (line: string) => lab.exec('web', line).split('\n').slice(0, 4);
    expect(head('dig @8.8.8.8 example.com')).toEqual([
      '',
      expect.stringMatching(/^; <<>> DiG 9\.18\..* <<>> @8\.8\.8\.8 example\.com$/),
      '; (1 server found)',
      ';; global options: +cmd',
    ]);
    expect(head('dig example.com')[2]).toBe(';; global options: +cmd');
  });
});
