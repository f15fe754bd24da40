/** curl's progress meter and its -w write-out variables (src/tool_writeout.c). */
import type { Transfer } from './curl';

const METER_HEAD = [
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
  '                                 Dload  Upload   Total   Spent    Left  Speed',
];

export function progressMeter(bytes: number, ms: number): string {
  const pct = bytes > 0 ? '100' : '  0';
  const speed = bytes === 0 ? 0 : Math.round((bytes * 1000) / Math.max(1, ms));
  const size = (n: number) => String(n).padStart(5);
  const line = `${pct} ${size(bytes)}  ${pct} ${size(bytes)}    0     0 ${size(speed).padStart(6)}      0 --:--:-- --:--:-- --:--:-- ${size(speed)}`;
  return `${METER_HEAD.join('\n')}\n${line}\n`;
}

export function writeOut(format: string, t: Transfer): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(6);
  const vars: Record<string, string> = {
    http_code: String(t.httpCode).padStart(3, '0'),
    response_code: String(t.httpCode).padStart(3, '0'),
    remote_ip: t.ip ?? '',
    remote_port: t.ip ? String(t.port) : '',
    url_effective: t.url,
    url: t.url,
    exitcode: String(t.exitCode),
    errormsg: t.error ?? '',
    size_download: String(t.exitCode === 0 ? t.body.length : 0),
    size_header: String(t.exitCode === 0 ? t.headers.join('\r\n').length + 4 : 0),
    content_type: t.exitCode === 0 && t.httpCode ? 'text/html' : '',
    num_connects: t.httpCode ? '1' : '0',
    http_version: t.httpCode ? '1.1' : '0',
    time_total: seconds(t.ms),
    time_connect: seconds(t.httpCode ? Math.max(0, t.ms - 1) / 2 : 0),
    time_namelookup: seconds(0.01),
  };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '%' && format[i + 1] === '%') {
      out += '%';
      i++;
    } else if (c === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) {
        out += format.slice(i);
        break;
      }
      const name = format.slice(i + 2, end);
      const value = vars[name];
      out += value ?? '';
      if (value === undefined) out = `curl: unknown --write-out variable: '${name}'\n${out}`;
      i = end;
    } else if (c === '\\' && 'nrt\\'.includes(format[i + 1] ?? '')) {
      const next = format[++i]!;
      out += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : '\\';
    } else out += c;
  }
  return out;
}
