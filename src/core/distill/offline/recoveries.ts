import type { Atom } from '../atoms/types';
import { runsOf, type Run } from './commands';

/** A command that failed with a recognisable error, and what the sessions did until it passed. */
export interface Recovery {
  head: string;
  /** The error with its specifics (paths, names, numbers) taken out: what makes two failures the same. */
  error: string;
  /** One real error line, for the reader. */
  example: string;
  /** Commands run between the failure and the pass (other than the failing one), most common first. */
  fixCommands: string[];
  /** Kinds of files edited in between (`.go`, `package.json`), most common first. */
  edited: string[];
  sessions: string[];
  occurrences: number;
}

/**
 * Failure → recovery: for every command that failed and later in the same request ran again and passed,
 * what happened in between. Grouped by command and error shape; kept when seen in `minSessions` sessions.
 */
export function findRecoveries(atoms: readonly Atom[], minSessions = 2): Recovery[] {
  const groups = new Map<string, { head: string; error: string; examples: string[]; fixes: Map<string, Set<string>>; edits: Map<string, number>; sessions: Set<string>; n: number }>();
  for (const atom of atoms) {
    const runs = runsOf(atom);
    runs.forEach((r, i) => {
      if (!r.failed || !r.error) return;
      const error = errorShape(r.error);
      if (!error) return;
      const pass = runs.slice(i + 1).find((x) => x.head === r.head && !x.failed);
      if (!pass) return;
      const key = `${r.head}\u0000${error}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { head: r.head, error, examples: [], fixes: new Map(), edits: new Map(), sessions: new Set(), n: 0 }));
      g.n++;
      g.sessions.add(atom.sessionKey);
      g.examples.push(r.error);
      for (const fix of new Set(between(runs, r, pass).map((x) => x.invocation))) g.fixes.set(fix, (g.fixes.get(fix) ?? new Set()).add(atom.sessionKey));
      for (const kind of new Set(editedBetween(atom, r.step, pass.step))) g.edits.set(kind, (g.edits.get(kind) ?? 0) + 1);
    });
  }
  return [...groups.values()]
    .filter((g) => g.sessions.size >= minSessions)
    .map((g) => ({
      head: g.head,
      error: g.error,
      example: [...g.examples].sort((a, b) => a.length - b.length || a.localeCompare(b))[0],
      // a fix counts when it came back in other sessions too: a one-off is that session's detour
      fixCommands: ranked(new Map([...g.fixes].map(([f, s]) => [f, s.size]))).filter(([, n]) => n >= minSessions).map(([f]) => f).slice(0, 2),
      edited: ranked(g.edits).map(([k]) => k).slice(0, 2),
      sessions: [...g.sessions].sort(),
      occurrences: g.n,
    }))
    .sort((a, b) => b.sessions.length - a.sessions.length || b.occurrences - a.occurrences || a.head.localeCompare(b.head) || a.error.localeCompare(b.error));
}

/** Successful work commands between a failure and the pass, other than the failing command itself. */
function between(runs: Run[], failed: Run, pass: Run): Run[] {
  return runs.filter((x) => x.step > failed.step && x.step < pass.step && !x.failed && x.head !== failed.head);
}

function editedBetween(atom: Atom, from: number, to: number): string[] {
  return atom.steps
    .slice(from + 1, to)
    .filter((s) => s.signature.startsWith('edit:') && s.signature !== 'edit:?')
    .map((s) => s.signature.slice(5));
}

function ranked(m: Map<string, number>): [string, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * An error line reduced to its shape: where (paths, line numbers), which (identifiers, quoted names,
 * numbers) and exit codes go, what kind of error it is stays. `pkg/a.go:12:3: undefined: fooBar` and
 * `pkg/b.go:40:9: undefined: bazQux` are the same shape. Lines with too little left are not recognisable.
 */
export function errorShape(line: string): string | undefined {
  let s = line.trim();
  s = s.replace(/^(?:error|fatal|err!?|npm err!)\s*[:!]?\s*(?=\S)/i, (m) => m); // keep a leading "error:" as it is
  s = s.replace(/(?:[A-Za-z]:)?[\w@.~-]*[\\/][\w@.\\/~-]+(?::\d+)*:?/g, '<path>');
  s = s.replace(/\b[\w-]+\.(?:go|ts|tsx|js|jsx|mjs|py|rs|rb|java|kt|cs|c|cc|cpp|h|json|ya?ml|toml|sql|md)(?::\d+)*:?/g, '<path>');
  s = s.replace(/(["'`])(?:(?!\1).){1,120}\1/g, '…');
  s = s.replace(/\b[A-Za-z_$][\w$]*(?:[a-z][A-Z]|_[A-Za-z]|\.[A-Za-z_])[\w$.]*/g, 'X');
  s = s.replace(/\b0x[0-9a-f]+\b|\b\d+(?:\.\d+)*[a-z]{0,2}\b/gi, 'N');
  s = s.replace(/(?:<path>\s*)+/g, '<path> ').replace(/\s+/g, ' ').trim();
  const words = s.match(/[A-Za-z]{3,}/g) ?? [];
  if (words.length < 2) return undefined;
  // "exit code N" alone, or a bare "FAIL", says a command failed, not how
  if (/^(?:exit(?:ed with)? code:? N|error:? exit status N|FAIL|command failed)$/i.test(s)) return undefined;
  return s.slice(0, 120);
}
