/** The line is split as bash splits it, and what bash would refuse is refused. */
import { describe, expect, it } from 'vitest';
import { getopt, getoptMessage } from './getopt';
import { parseShellLine } from './shell';

describe('parseShellLine', () => {
  it('keeps single-quoted text whole, honours double-quote and backslash escapes', () => {
    expect(parseShellLine(`curl -w '%{http_code}\\n' "a \\"b\\" c" d\\ e`)).toEqual({
      ok: true,
      words: ['curl', '-w', '%{http_code}\\n', 'a "b" c', 'd e'],
      sudo: false,
    });
    expect(parseShellLine(`echo ''x"" # comment`)).toEqual({ ok: true, words: ['echo', 'x'], sudo: false });
  });

  it('sudo is noted, not passed on', () => {
    expect(parseShellLine('sudo ip link set enp0s3 down')).toEqual({
      ok: true,
      words: ['ip', 'link', 'set', 'enp0s3', 'down'],
      sudo: true,
    });
  });

  it("an unterminated quote is bash's error; pipes are said to be unsupported", () => {
    expect(parseShellLine("ping 'x")).toEqual({
      ok: false,
      output: "bash: unexpected EOF while looking for matching `''",
      exitCode: 2,
    });
    const piped = parseShellLine('ip a | grep inet');
    expect(piped.ok).toBe(false);
    if (!piped.ok) expect(piped.output).toContain('"|"');
    expect(parseShellLine("echo 'a|b'")).toEqual({ ok: true, words: ['echo', 'a|b'], sudo: false });
  });
});

describe('getopt', () => {
  const spec = { short: 'c:qzvw:', long: { count: true, quiet: false } };

  it('combined flags, attached and detached arguments, operands anywhere, --', () => {
    const parsed = getopt(['-zv', '-c1', 'host', '-w', '3', '--count=2', '--quiet', '--', '-x'], spec);
    expect(parsed).toEqual({
      ok: true,
      options: [
        { name: 'z', value: null },
        { name: 'v', value: null },
        { name: 'c', value: '1' },
        { name: 'w', value: '3' },
        { name: 'count', value: '2' },
        { name: 'quiet', value: null },
      ],
      operands: ['host', '-x'],
    });
  });

  it("glibc's words for bad options", () => {
    const unknown = getopt(['-x'], spec);
    const missing = getopt(['-c'], spec);
    const long = getopt(['--nope'], spec);
    expect(unknown.ok || getoptMessage('ping', unknown.error)).toBe("ping: invalid option -- 'x'");
    expect(missing.ok || getoptMessage('ping', missing.error)).toBe(
      "ping: option requires an argument -- 'c'",
    );
    expect(long.ok || getoptMessage('ss', long.error)).toBe("ss: unrecognized option '--nope'");
  });
});
