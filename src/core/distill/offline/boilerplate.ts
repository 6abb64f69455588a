import type { Atom } from '../atoms/types';

/**
 * Lines that open requests in many different sessions (a harness or benchmark prompt template) say nothing
 * about the task. xskill turned such a template into its most-invoked skill; we strip these lines before
 * grouping or naming anything.
 */
export function findBoilerplate(atoms: readonly Atom[], minLength = 30): Set<string> {
  const sessionsByLine = new Map<string, Set<string>>();
  const sessions = new Set(atoms.map((a) => a.sessionKey));
  for (const atom of atoms) {
    for (const line of linesOf(atom.request)) {
      if (line.length < minLength) continue;
      let s = sessionsByLine.get(line);
      if (!s) sessionsByLine.set(line, (s = new Set()));
      s.add(atom.sessionKey);
    }
  }
  const threshold = Math.max(3, Math.ceil(sessions.size * 0.5));
  return new Set([...sessionsByLine].filter(([, s]) => s.size >= threshold).map(([line]) => line));
}

/** The request without boilerplate lines. */
export function withoutBoilerplate(request: string, boilerplate: ReadonlySet<string>): string {
  if (boilerplate.size === 0) return request;
  return request
    .split('\n')
    .filter((l) => !boilerplate.has(fold(l)))
    .join('\n')
    .trim();
}

function linesOf(text: string): string[] {
  return [...new Set(text.split('\n').map(fold).filter(Boolean))];
}

function fold(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}
