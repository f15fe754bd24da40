/**
 * A shell line split into words as bash splits it: single quotes keep everything,
 * double quotes keep spaces and honour \" \\ \$ \`, a backslash escapes the next
 * character, `#` starts a comment at a word's start. One simple command only:
 * pipes, lists and redirections are said to be unsupported, never half-run.
 */

export type ShellLine =
  | { readonly ok: true; readonly words: readonly string[]; readonly sudo: boolean }
  | { readonly ok: false; readonly output: string; readonly exitCode: number };

const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')']);

export function parseShellLine(line: string): ShellLine {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return unexpectedEof("'");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const next = line[j + 1];
        if (line[j] === '\\' && next !== undefined && '"\\$`'.includes(next)) {
          word += next;
          j++;
        } else word += line[j];
      }
      if (j >= line.length) return unexpectedEof('"');
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break;
    } else if (OPERATORS.has(c)) {
      return {
        ok: false,
        output: `vnetlab: this console runs one command at a time: "${c}" (pipes, lists, redirections) is not supported`,
        exitCode: 2,
      };
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  // `sudo` runs the rest as root: tools that need it (ip link set, ss -p) look at this.
  let sudo = false;
  while (words[0] === 'sudo') {
    words.shift();
    sudo = true;
  }
  return { ok: true, words, sudo };
}

function unexpectedEof(quote: string): ShellLine {
  return {
    ok: false,
    output: `bash: unexpected EOF while looking for matching \`${quote}'`,
    exitCode: 2,
  };
}
