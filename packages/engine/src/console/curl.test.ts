/** curl 8: what goes to the terminal with -s, -S, -o, -w, -I, -v, and the time limits. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';

const lab = testLab({
  host: { listen: ['tcp/8080'] },
  lans: { home: { devices: { printer: { ip: { address: '192.168.1.60/24' }, firewall: { allow: [] } } } } },
  vms: { web: { adapters: [{ mode: 'nat' }] } },
});

describe('curl', () => {
  it("-s -o /dev/null -w '%{http_code}' prints only the code", () => {
    expect(lab.exec('web', "curl -s -o /dev/null -w '%{http_code}\\n' http://192.168.1.100:8080/")).toBe(
      '200',
    );
    expect(
      lab.exec('web', "curl -so /dev/null -w '%{http_code} %{remote_ip}:%{remote_port}' 192.168.1.100:8080"),
    ).toBe('200 192.168.1.100:8080');
  });

  it('a failure: -s hides the error, -sS shows it, the write-out says 000', () => {
    const refused = lab.run('web', "curl -s -w '%{http_code}' http://192.168.1.100:9/");
    expect(refused).toMatchObject({ output: '000', exitCode: 7 });
    expect(lab.exec('web', "curl -sS -w '%{http_code}' http://192.168.1.100:9/")).toBe(
      "curl: (7) Failed to connect to 192.168.1.100 port 9 after 0 ms: Couldn't connect to server\n000",
    );
  });

  it('-o without -s shows the progress meter instead of the body', () => {
    const out = lab.exec('web', 'curl -o page.html http://192.168.1.100:8080/');
    expect(out.split('\n')[0]).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
    );
    expect(out.split('\n')[2]).toMatch(/^100 {4}45 {2}100 {4}45 {4}0 {5}0 /);
    expect(out).not.toContain('It works!');
  });

  it('-I prints the response headers of a HEAD request', () => {
    expect(lab.exec('web', 'curl -I http://192.168.1.100:8080/').split('\n')).toEqual([
      'HTTP/1.1 200 OK',
      'Server: Apache/2.4.58 (Ubuntu)',
      'Content-Length: 45',
      'Content-Type: text/html',
      '',
    ]);
  });

  it('--connect-timeout and -m cut a silent connection short, each in its own words', () => {
    expect(lab.run('web', 'curl --connect-timeout 3 http://192.168.1.60/')).toMatchObject({
      output: 'curl: (28) Failed to connect to 192.168.1.60 port 80 after 3002 ms: Timeout was reached',
      exitCode: 28,
    });
    expect(lab.exec('web', 'curl -m 5 http://192.168.1.60/')).toBe(
      'curl: (28) Connection timed out after 5001 milliseconds',
    );
    expect(lab.exec('web', 'curl -sSm5 http://192.168.1.60/')).toBe(
      'curl: (28) Connection timed out after 5001 milliseconds',
    );
    expect(lab.exec('web', 'curl http://192.168.1.60/')).toContain('after 134061 ms');
  });

  it('-v shows the connection and the request', () => {
    const out = lab.exec('web', 'curl -v http://192.168.1.100:8080/');
    expect(out).toContain(
      '*   Trying 192.168.1.100:8080...\n* Connected to 192.168.1.100 (192.168.1.100) port 8080',
    );
    expect(out).toContain('> GET / HTTP/1.1\n> Host: 192.168.1.100:8080\n> User-Agent: curl/8.5.0');
    expect(out).toContain('< HTTP/1.1 200 OK');
    expect(out).toContain('It works!');
  });

  it("bad usage: curl's own words, exit 2", () => {
    const usage = (line: string) => lab.run('web', line);
    expect(usage('curl')).toMatchObject({
      output: "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information",
      exitCode: 2,
    });
    expect(usage('curl -o').output.split('\n')[0]).toBe('curl: option -o: requires parameter');
    expect(usage('curl --max-time=5 x').output.split('\n')[0]).toBe('curl: option --max-time=5: is unknown');
    expect(usage('curl -m abc x').output.split('\n')[0]).toBe(
      'curl: option -m: expected a proper numerical parameter',
    );
    expect(usage('curl ftp://x/')).toMatchObject({
      output: 'curl: (1) Protocol "ftp" not supported',
      exitCode: 1,
    });
    expect(usage('curl -x http://proxy:3128 http://x/').output).toContain('not simulated');
  });
});
