import { headline } from '../../text/terms';
import type { Atom } from '../atoms/types';
import type { CommandStat } from './commands';
import { usualInvocation } from './commands';
import type { RecurringCorrection } from './corrections';
import type { Recovery } from './recoveries';

/** Inline code that cannot break out of its backticks. */
export function code(s: string): string {
  return '`' + s.replace(/`/g, "'").replace(/\s+/g, ' ').slice(0, 140) + '`';
}

/**
 * Real requests to show as examples: a few words at least, not a slash command or a bare link, each once.
 * "1", "yes" or a pasted stack trace say nothing about when to use a skill.
 */
export function exampleRequests(requests: readonly string[], max = 3): string[] {
  const seen = new Set<string>();
  const good = requests
    .map((r) => headline(r, 100).replace(/["`]/g, "'"))
    .filter((r) => {
      const words = r.split(/\s+/).filter((w) => /[\p{L}]{2,}/u.test(w));
      return words.length >= 4 && !/^[/!$>]/.test(r) && !/^\S+:\/\/\S+$/.test(r) && !/^[\s\p{P}\d]*$/u.test(r);
    })
    .sort((a, b) => Math.abs(a.length - 60) - Math.abs(b.length - 60) || a.localeCompare(b));
  const out: string[] = [];
  for (const r of good) {
    const key = r.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
    if (out.length >= max) break;
  }
  return out;
}

/** One line per command, in run order: the usual invocation, and how often it was run with success. */
export function commandLines(heads: readonly string[], stats: ReadonlyMap<string, CommandStat>): string[] {
  return heads.map((h, i) => {
    const s = stats.get(h);
    if (!s) return `${i + 1}. Run ${code(h)}.`;
    const usual = usualInvocation(s);
    const other = [...s.invocations.keys()].filter((x) => x !== usual && (s.invocations.get(x) ?? 0) >= 2).sort((a, b) => (s.invocations.get(b) ?? 0) - (s.invocations.get(a) ?? 0) || a.localeCompare(b))[0];
    const seen = ` (passed in ${s.requests.size - failedOnly(s)} requests over ${s.sessions.size} sessions${other && other.length <= 80 ? `; also run as ${code(other)}` : ''})`;
    return `${i + 1}. Run ${code(usual)}${seen}.`;
  });
}

function failedOnly(s: CommandStat): number {
  return s.invocations.size === 0 ? s.requests.size : 0;
}

/** Recovery recipes as pitfalls: the error, how often, and what made the command pass. */
export function pitfallLines(recoveries: readonly Recovery[]): string[] {
  return recoveries.map((r) => {
    const fix = r.fixCommands.length
      ? `running ${r.fixCommands.map(code).join(' and ')}${r.edited.length ? ` (and editing the ${r.edited.join(' / ')} files)` : ''} made it pass`
      : r.edited.length
        ? `fixing the ${r.edited.join(' / ')} file the error names, then re-running it, made it pass`
        : 'running it again made it pass';
    return `- ${code(r.head)} fails with ${quoted(r.example)} (${r.occurrences} times in ${r.sessions.length} sessions): ${fix}.`;
  });
}

/** Error text in quotes, not code: it is something to recognise, not something to run. */
function quoted(s: string): string {
  return `"${s.replace(/"/g, "'").replace(/`/g, "'").replace(/\s+/g, ' ').slice(0, 140)}"`;
}

/** Recurring corrections as rules, in the user's own words. */
export function ruleLines(corrections: readonly RecurringCorrection[]): string[] {
  return corrections.map((c) => `- The user said: "${c.text.replace(/"/g, "'")}"${c.after ? ` (after the agent ran or touched ${code(c.after)})` : ''}, in ${c.sessions.length} sessions.`);
}

export function evidenceLines(members: readonly Atom[]): string[] {
  const sessions = new Set(members.map((a) => a.sessionKey)).size;
  const ok = members.filter((a) => a.outcome === 'success').length;
  const agents = [...new Set(members.map((a) => a.source))].sort();
  return [`- ${members.length} requests in ${sessions} sessions (${agents.join(', ')}); ${ok} ended well (${Math.round((ok / Math.max(1, members.length)) * 100)}%).`];
}
