import { isWorkingCommand, workingCommands } from '../text/command-head';

/** The commands a text names, and the ones it warns about. */
export interface Mentions {
  named: Set<string>;
  warned: Set<string>;
}

/** A heading that opens a section of warnings. */
const WARNING_HEADING = /pitfall|warning|caveat|gotcha|troubleshoot|avoid|failure|fails|error|known issue|careful|watch out|don'?t|do not|mistake|recover/i;
/** A line that warns by itself. */
const WARNING_LINE = /\b(fail(s|ed|ing|ure)?|errors?|don'?t|do not|never|avoid|instead|careful|beware|warn(ing)?|pitfall|broke(n)?|breaks|crash(es|ed)?|refuse[sd]?|denied|not found)\b/i;

/**
 * The commands a skill's text names and warns about. A command is named when the text has it
 * - in code (a fenced block's lines, an inline code span), read with the same normalizer as a session's
 *   own commands, and its program is one of `programs` (so `SKILL.md` or `internal/x.go` in backticks is
 *   not a command), or
 * - in prose, as the words of a head of two or more words in `vocabulary` (the commands the evaluated
 *   sessions ran), longest first at each position. A one-word head counts only in code: in prose a program
 *   named like a word ("make sure", "go to", "the entire flow") is that word far more often than a command,
 *   and no list of such words can know every project's own programs.
 * It is warned about when it is named in a warning: a line under a heading such as "Pitfalls", "Errors"
 * or "Troubleshooting", or a line that itself says fail, error, don't, never, avoid, instead….
 */
export function mentionsIn(text: string, vocabulary: ReadonlySet<string>, programs: ReadonlySet<string> = programsOf(vocabulary)): Mentions {
  const named = new Set<string>();
  const warned = new Set<string>();
  const byFirstWord = indexHeads(vocabulary);
  let inFence = false;
  let warningSection = false;
  for (const line of text.split(/\r?\n/)) {
    const fence = /^\s*(```|~~~)/.test(line);
    if (fence) {
      inFence = !inFence;
      continue;
    }
    const heading = !inFence && /^\s{0,3}#{1,6}\s/.exec(line);
    if (heading) warningSection = WARNING_HEADING.test(line);
    const warning = warningSection || WARNING_LINE.test(line);
    const found = inFence ? codeHeads(line.replace(/^\s*[$>#]\s+/, ''), programs) : lineHeads(line, byFirstWord, programs);
    for (const h of found) {
      named.add(h);
      if (warning) warned.add(h);
    }
  }
  return { named, warned };
}

/** The first words of a set of heads: the programs a code span must start with to count as a command. */
export function programsOf(heads: Iterable<string>): Set<string> {
  return new Set([...heads].map((h) => h.split(' ')[0]));
}

function codeHeads(code: string, programs: ReadonlySet<string>): string[] {
  return workingCommands(code).filter((h) => programs.has(h.split(' ')[0]));
}

/** One line outside code: its code spans as code, the rest as prose. */
function lineHeads(line: string, byFirstWord: Map<string, string[][]>, programs: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const prose = line.replace(/`([^`]+)`/g, (_, code: string) => {
    out.push(...codeHeads(code, programs));
    return ' ; ';
  });
  out.push(...proseHeads(prose, byFirstWord));
  return out;
}

/** Heads of the vocabulary written out in prose, longest first at each word. */
function proseHeads(prose: string, byFirstWord: Map<string, string[][]>): string[] {
  const words = prose.toLowerCase().match(/[\w./@+-]+|[^\s\w]/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const candidates = byFirstWord.get(words[i]) ?? [];
    const hit = candidates.find((h) => h.length > 1 && h.every((w, j) => words[i + j] === w));
    if (!hit) continue;
    out.push(hit.join(' '));
    i += hit.length - 1;
  }
  return out;
}

/** Working heads by their first word, longest first. */
function indexHeads(vocabulary: ReadonlySet<string>): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const head of vocabulary) {
    if (!isWorkingCommand(head)) continue;
    const words = head.toLowerCase().split(' ');
    index.set(words[0], [...(index.get(words[0]) ?? []), words]);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length || a.join(' ').localeCompare(b.join(' ')));
  return index;
}
