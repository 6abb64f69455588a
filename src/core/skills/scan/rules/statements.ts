import type { ScanDocument } from '../document';

/** Statements: lines joined where the shell continues them (trailing backslash) so one command is one unit. */
export function statements(doc: ScanDocument): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  doc.lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (current) current.text += ' ' + line;
    else current = { text: line, line: i + 1 };
    if (!line.endsWith('\\')) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}
