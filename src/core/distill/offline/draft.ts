import { distinctiveTerms, headline } from '../../text/terms';
import type { Atom, Step } from '../atoms/types';

/** A skill written from evidence, before it is validated and committed. */
export interface SkillDraft {
  name: string;
  description: string;
  body: string;
  metadata: Record<string, string>;
  evidence: DraftEvidence;
}

export interface DraftEvidence {
  atoms: string[];
  sessions: string[];
  sequence: string[];
  occurrences: number;
  successRate: number;
  /** The command heads the skill tells an agent to run (not written into the skill; for checking it). */
  commands?: string[];
}

export interface DraftInput {
  /** The atoms whose step sequences contain the workflow. */
  members: Atom[];
  sequence: string[];
  /** Request texts with boilerplate removed, by atom id (for naming and examples). */
  cleanRequests: ReadonlyMap<string, string>;
  /** Every clean request in the corpus, to tell distinctive words from common ones. */
  allRequests: readonly string[];
  takenNames: ReadonlySet<string>;
  /** Keep this name (a revision of an existing skill) instead of deriving one. */
  name?: string;
}

export function draftSkill(input: DraftInput): SkillDraft {
  const { members, sequence } = input;
  const requests = members.map((a) => input.cleanRequests.get(a.id) ?? a.intent);
  const keywords = inReadingOrder(distinctiveTerms(requests, input.allRequests, 3), requests);
  const name = input.name ?? uniqueName(slug(keywords.join('-')) || 'workflow', input.takenNames);
  const sessions = [...new Set(members.map((a) => a.sessionKey))].sort();
  const successes = members.filter((a) => a.outcome === 'success').length;
  const examples = exampleSteps(members, sequence);
  const title = titleOf(name);
  const agents = [...new Set(members.map((a) => a.source))].sort();
  const description = describe(title, sequence, examples, keywords, sessions.length);
  const body = [
    `# ${title}`,
    '',
    `A draft that Skillsmith's offline engine wrote from ${members.length} requests in ${sessions.length} sessions ` +
      `(${agents.join(', ')}). It lists what those sessions did; review it before relying on it.`,
    '',
    '## When to use',
    '',
    ...quotes(requests).map((q) => `- "${q}"`),
    '',
    '## Steps',
    '',
    ...sequence.map((sig, i) => `${i + 1}. ${stepLine(sig, examples[i])}`),
    '',
    ...pitfalls(members),
    '## Evidence',
    '',
    `- ${members.length} occurrences of this workflow, ${successes} ended well (${percent(successes / members.length)}).`,
    `- Sessions: ${sessions.length}; agents: ${agents.join(', ')}.`,
    '',
  ].join('\n');
  return {
    name,
    description,
    body,
    metadata: { 'skillsmith-engine': 'offline' },
    evidence: {
      atoms: members.map((a) => a.id).sort(),
      sessions,
      sequence,
      occurrences: members.length,
      successRate: successes / members.length,
    },
  };
}

/** For each workflow step, the concrete commands or files the sessions used there, most common first. */
function exampleSteps(members: Atom[], sequence: string[]): string[][] {
  const counts = sequence.map(() => new Map<string, number>());
  for (const atom of members) {
    const positions = align(atom.steps, sequence);
    positions.forEach((stepIndex, k) => {
      const detail = atom.steps[stepIndex]?.detail;
      if (detail) counts[k].set(detail, (counts[k].get(detail) ?? 0) + 1);
    });
  }
  return counts.map((m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 3)
      .map(([d]) => d),
  );
}

/** The index of the step that matches each workflow signature, in order (first match wins). */
function align(steps: Step[], sequence: string[]): number[] {
  const out: number[] = [];
  let k = 0;
  steps.forEach((s, i) => {
    if (k < sequence.length && s.signature === sequence[k]) {
      out.push(i);
      k++;
    }
  });
  return out;
}

function stepLine(signature: string, examples: string[] = []): string {
  const [kind, what] = splitSignature(signature);
  const code = (s: string) => '`' + s.replace(/`/g, "'").slice(0, 120) + '`';
  switch (kind) {
    case 'run':
      return `Run ${code(examples[0] ?? what)}${examples[1] ? ` (also seen: ${examples.slice(1).map(code).join(', ')})` : ''}.`;
    case 'edit':
    case 'read': {
      const verb = kind === 'edit' ? 'Edit' : 'Read';
      if (examples.length === 1) return `${verb} ${code(examples[0])}.`;
      const target = what.startsWith('.') ? `the \`${what}\` file the task is about` : code(what);
      return examples.length ? `${verb} ${target} (in these sessions: ${examples.map(code).join(', ')}).` : `${verb} ${target}.`;
    }
    default:
      return `Use the ${code(what)} tool.`;
  }
}

function describe(title: string, sequence: string[], examples: string[][], keywords: string[], sessions: number): string {
  const actions = sequence
    .map((sig, i) => {
      const [kind, what] = splitSignature(sig);
      // one concrete example only when the sessions agree on it; otherwise name the kind of thing
      const only = examples[i]?.length === 1 ? examples[i][0].split('\n')[0].slice(0, 40) : undefined;
      if (kind === 'run') return `run ${only ?? what}`;
      if (kind === 'edit') return `edit ${only ?? (what.startsWith('.') ? `the ${what} files` : what)}`;
      return undefined;
    })
    .filter((x): x is string => Boolean(x));
  const what = `${title}: ${[...new Set(actions)].slice(0, 4).join(', then ')}.`;
  const when = `Use when a request is about ${keywords.join(', ') || title.toLowerCase()} (a workflow seen in ${sessions} sessions).`;
  return `${what} ${when}`.slice(0, 1000);
}

function pitfalls(members: Atom[]): string[] {
  const failures = new Map<string, { count: number; error?: string }>();
  for (const atom of members) {
    for (const s of atom.steps) {
      if (!s.failed || !s.signature.startsWith('run:')) continue;
      const key = s.signature.slice(4);
      const f = failures.get(key) ?? { count: 0, error: s.error };
      f.count++;
      failures.set(key, f);
    }
  }
  const corrected = members.filter((a) => a.signals.corrected).length;
  const lines = [...failures.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([cmd, f]) => `- \`${cmd}\` failed ${f.count} time${f.count === 1 ? '' : 's'} in these sessions${f.error ? `, e.g. \`${f.error.replace(/`/g, "'")}\`` : ''}.`);
  if (corrected) lines.push(`- In ${corrected} of ${members.length} requests the user had to correct the agent.`);
  return lines.length ? ['## Pitfalls', '', ...lines, ''] : [];
}

/** Verbs that open a task; a name reads best when it starts with one ("fix-…", "add-…"). */
const TASK_VERBS = new Set(['add', 'fix', 'create', 'update', 'remove', 'delete', 'release', 'deploy', 'bump', 'write', 'run',
  'refactor', 'rename', 'migrate', 'upgrade', 'build', 'debug', 'review', 'document', 'test', 'cut', 'publish', 'generate']);

/** "fix failing tests" reads better than the score order "failing fix tests": task verbs first, then text order. */
function inReadingOrder(words: string[], requests: string[]): string[] {
  const isVerb = (w: string) => TASK_VERBS.has(w) && w !== 'test';
  const position = (w: string) => {
    const found = requests.map((r) => r.toLowerCase().indexOf(w)).filter((i) => i >= 0);
    return found.length ? found.reduce((a, b) => a + b, 0) / found.length : Infinity;
  };
  return [...words].sort((a, b) => Number(isVerb(b)) - Number(isVerb(a)) || position(a) - position(b) || a.localeCompare(b));
}

function quotes(requests: string[]): string[] {
  return [...new Set(requests.map((r) => headline(r, 90).replace(/"/g, "'")).filter(Boolean))].sort().slice(0, 3);
}

function splitSignature(sig: string): [string, string] {
  const i = sig.indexOf(':');
  return i < 0 ? [sig, sig] : [sig.slice(0, i), sig.slice(i + 1)];
}

export function slug(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, 48)
    .replace(/-+$/g, '');
}

/** `base`, or `base-2`, `base-3`… when a skill of that name exists. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** `add-migration-column` → `Add migration column`. */
export function titleOf(name: string): string {
  const words = name.split('-');
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}
