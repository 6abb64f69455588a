import type { StoredSession } from '../../core/ingest/sessions';
import type { Trajectory } from '../../core/transcripts/model';
import { sessionLabel } from './provenance';

/** Tool inputs and outputs longer than this are cut in the read-only view; the stored session keeps them whole. */
const MAX_TOOL_TEXT = 2_000;

/**
 * A stored (already redacted) session as Markdown: one heading per turn, so a provenance link can open the
 * document at the turns an atom covers. Returns the text and the line each turn starts on.
 */
export function sessionMarkdown(key: string, meta: StoredSession | undefined, t: Trajectory): { text: string; turnLines: number[] } {
  const lines: string[] = [];
  // one entry per line, so an entry's index is its line number
  const add = (...parts: string[]) => lines.push(...parts.flatMap((p) => p.split('\n')));
  add(`# ${sessionLabel(key, meta)}`, '');
  const facts = [
    ['Session', key],
    ['Workspace', t.workspace],
    ['Model', t.model],
    ['Started', t.startedAt],
    ['Read from', meta?.path],
    ['Came from', t.origin === 'repository' ? "the repository's own files, not from your agent" : undefined],
  ].filter((f): f is [string, string] => Boolean(f[1]));
  for (const [k, v] of facts) add(`- **${k}:** ${v}`);
  add('', '_Read-only. Secrets were redacted when the session was ingested._', '');
  const turnLines: number[] = [];
  t.turns.forEach((turn, i) => {
    turnLines.push(lines.length);
    add(`## Turn ${i} · ${turn.role}${turn.timestamp ? ` · ${turn.timestamp}` : ''}`, '');
    if (turn.text.trim()) add(turn.text.trim(), '');
    for (const call of turn.toolCalls) {
      add(`**Tool \`${call.name}\`${call.isError ? ' (failed)' : ''}**`, '', fenced(stringify(call.input)));
      if (call.output !== undefined && call.output !== '') add('', fenced(call.output));
      add('');
    }
  });
  return { text: lines.join('\n'), turnLines };
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v, null, 2) ?? '';
  } catch {
    return String(v);
  }
}

/** A fence longer than any backtick run inside, so tool text cannot end it early. */
function fenced(text: string): string {
  const cut = text.length > MAX_TOOL_TEXT ? `${text.slice(0, MAX_TOOL_TEXT)}\n… (${text.length - MAX_TOOL_TEXT} more characters)` : text;
  const longest = Math.max(2, ...(cut.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${cut}\n${fence}`;
}
