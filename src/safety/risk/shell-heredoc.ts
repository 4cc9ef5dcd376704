/**
 * Here-documents, which the shell parser reads as commands: their bodies are taken out of the
 * command line (the `<<DELIM` becomes `</dev/null`, the body lines are removed). A body whose
 * delimiter is not quoted still runs its `$(…)` and backtick substitutions, so it comes back as the
 * argument of a `:` command, where the parser finds them.
 */

/** The command line without here-document bodies (see the file comment). */
export function withoutHeredocs(source: string): string {
  if (!source.includes('<<')) return source;
  const out: string[] = [];
  const expanding: string[] = [];
  const pending: Array<{ delimiter: string; tabs: boolean; expands: boolean }> = [];
  let quote: '"' | "'" | undefined;
  let line = '';
  const lines = source.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const text = lines[n]!;
    line = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quote === "'") {
        if (c === "'") quote = undefined;
      } else if (c === '\\') {
        line += c + (text[i + 1] ?? '');
        i++;
        continue;
      } else if (quote === '"') {
        if (c === '"') quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
        line += text.slice(i);
        break;
      } else if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
        const match = /^<<(-?)[ \t]*((?:'[^']*'|"[^"]*"|\\.|[^\s;&|<>()])+)/.exec(text.slice(i));
        if (match) {
          const raw = match[2]!;
          pending.push({
            delimiter: raw.replace(/['"\\]/g, ''),
            tabs: match[1] === '-',
            expands: !/['"\\]/.test(raw),
          });
          line += ' </dev/null ';
          i += match[0].length - 1;
          continue;
        }
      }
      line += c;
    }
    out.push(line);
    // The bodies of this line's here-documents follow it, in order.
    while (pending.length > 0 && quote === undefined) {
      const doc = pending.shift()!;
      const body: string[] = [];
      for (n++; n < lines.length; n++) {
        const candidate = doc.tabs ? lines[n]!.replace(/^\t+/, '') : lines[n]!;
        if (candidate === doc.delimiter) break;
        body.push(lines[n]!);
      }
      if (doc.expands && /\$\(|`/.test(body.join('\n'))) expanding.push(body.join('\n'));
    }
  }
  for (const body of expanding) out.push(`: "${body.replace(/(["\\])/g, (m) => (m === '"' ? '\\"' : m))}"`);
  return out.join('\n');
}
