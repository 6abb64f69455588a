import { commandHead, isWorkingCommand } from '../../text/command-head';
import type { Atom } from '../atoms/types';

/** One command a request ran, as a skill would name it. */
export interface Run {
  /** The normalized head (`npm run lint`, `go test`), the unit everything is counted in. */
  head: string;
  /** The invocation with its flags, without output plumbing (`2>&1`, `| tail -20`). */
  invocation: string;
  failed: boolean;
  error?: string;
  /** Index of the step in the atom. */
  step: number;
}

/** The head of a command, unless it only looks around. */
export function workHead(command: string): string | undefined {
  const head = commandHead(command);
  return head && isWorkingCommand(head) && !/^(?:for|while|if|do|done|then|fi)$/.test(head) ? head : undefined;
}

/** The pieces of a command line that do work, each with its own head: `a && b | tail` is `a` and `b`. */
export function invocations(command: string): { head: string; invocation: string }[] {
  const out: { head: string; invocation: string }[] = [];
  for (const segment of command.split(/&&|\|\||;|\n/)) {
    const piped = segment.split(/(?<!\|)\|(?!\|)/)[0];
    const invocation = piped.replace(/\s*\d?>&\d\s*/g, ' ').replace(/\s*2>\s*\/dev\/null/g, ' ').replace(/\s+/g, ' ').trim();
    if (!invocation || /^[A-Z_][A-Z0-9_]*=\S*$/.test(invocation)) continue;
    const head = workHead(invocation);
    if (head) out.push({ head, invocation: invocation.slice(0, 160) });
  }
  return out;
}

/** Every command an atom ran that does work, in order. */
export function runsOf(atom: Atom): Run[] {
  const out: Run[] = [];
  atom.steps.forEach((s, step) => {
    if (!s.signature.startsWith('run') || !s.detail) return;
    for (const inv of invocations(s.detail)) out.push({ ...inv, failed: s.failed, ...(s.error ? { error: s.error } : {}), step });
  });
  return out;
}

/** The heads a request ran successfully: what a skill should have told it. */
export function succeededHeads(atom: Atom): Set<string> {
  return new Set(runsOf(atom).filter((r) => !r.failed).map((r) => r.head));
}

export interface CommandStat {
  head: string;
  requests: Set<string>;
  sessions: Set<string>;
  runs: number;
  failures: number;
  /** Exact invocations that succeeded, with how often. */
  invocations: Map<string, number>;
  /** Where in a request the command runs, 0 (first) to 1 (last), one entry per request. */
  positions: number[];
}

export function commandStats(atoms: readonly Atom[]): Map<string, CommandStat> {
  const stats = new Map<string, CommandStat>();
  for (const atom of atoms) {
    const runs = runsOf(atom);
    const seen = new Set<string>();
    runs.forEach((r, i) => {
      let s = stats.get(r.head);
      if (!s) stats.set(r.head, (s = { head: r.head, requests: new Set(), sessions: new Set(), runs: 0, failures: 0, invocations: new Map(), positions: [] }));
      s.runs++;
      if (r.failed) s.failures++;
      else s.invocations.set(r.invocation, (s.invocations.get(r.invocation) ?? 0) + 1);
      if (seen.has(r.head)) return;
      seen.add(r.head);
      s.requests.add(atom.id);
      s.sessions.add(atom.sessionKey);
      s.positions.push(runs.length > 1 ? i / (runs.length - 1) : 0.5);
    });
  }
  return stats;
}

/**
 * The invocation most often run with success (ties: the shorter, then by text); the bare head when no
 * form came back twice: one session's arguments (a commit, a branch) are not how the command is run.
 */
export function usualInvocation(stat: CommandStat): string {
  const best = [...stat.invocations].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0];
  return best && (best[1] >= 2 || stat.invocations.size === 1) ? best[0] : stat.head;
}

/**
 * Mean F1 of naming `named` to each of these requests (the share of its commands named, and of the named
 * it ran), each request counted with its weight (1 when none is given).
 */
export function meanF1(named: ReadonlySet<string>, truths: readonly ReadonlySet<string>[], weights?: readonly number[]): number {
  if (truths.length === 0) return 0;
  let sum = 0;
  let total = 0;
  truths.forEach((truth, i) => {
    const w = weights?.[i] ?? 1;
    total += w;
    let hit = 0;
    for (const h of named) if (truth.has(h)) hit++;
    if (hit) sum += (w * 2 * hit) / (named.size + truth.size);
  });
  return total > 0 ? sum / total : 0;
}

/**
 * How much each request counts when judging what a project does now: halved every `halfLife` of the
 * history's span back from the newest (a quarter: the last quarter weighs about as much as all before it). Practices change (a formatter is adopted, a test task renamed); the
 * next session is more like the last ones than the first ones. Requests without a time count fully.
 */
export function recencyWeights(atoms: readonly Atom[], halfLife = 1 / 4): number[] {
  const times = atoms.map((a) => (a.startedAt ? Date.parse(a.startedAt) : NaN));
  const known = times.filter((t) => Number.isFinite(t));
  if (known.length < 2) return atoms.map(() => 1);
  const newest = Math.max(...known);
  const span = newest - Math.min(...known) || 1;
  return times.map((t) => (Number.isFinite(t) ? Math.pow(0.5, (newest - t) / (span * halfLife)) : 1));
}

/**
 * The few commands that best tell a request of this group what it will run: added one at a time, each
 * time the one that most raises the mean F1 over the group's requests, while it rises. A command must
 * recur in `minSessions` sessions. This is what every request here needs, and nothing more.
 */
export function bestCommandSet(
  truths: readonly ReadonlySet<string>[],
  candidates: readonly CommandStat[],
  options: { minSessions: number; max: number; base?: ReadonlySet<string>; weights?: readonly number[] },
): string[] {
  const chosen = new Set(options.base ?? []);
  const picked: string[] = [];
  const pool = candidates.filter((c) => c.sessions.size >= options.minSessions && !chosen.has(c.head)).map((c) => c.head).sort();
  let score = meanF1(chosen, truths, options.weights);
  while (picked.length < options.max) {
    let best: { head: string; score: number } | undefined;
    for (const head of pool) {
      if (chosen.has(head)) continue;
      const s = meanF1(new Set([...chosen, head]), truths, options.weights);
      if (s > score + 1e-9 && (!best || s > best.score)) best = { head, score: s };
    }
    if (!best) break;
    chosen.add(best.head);
    picked.push(best.head);
    score = best.score;
  }
  return picked;
}

/** Commands in the order requests run them: by their median position. */
export function inRunOrder(heads: readonly string[], stats: ReadonlyMap<string, CommandStat>): string[] {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.floor(s.length / 2)] : 0.5;
  };
  return [...heads].sort((a, b) => median(stats.get(a)?.positions ?? []) - median(stats.get(b)?.positions ?? []) || a.localeCompare(b));
}
