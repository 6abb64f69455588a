import { stem, terms } from '../../text/terms';
import { SCOPE_KEYS } from '../../skills/scope';
import type { Atom } from '../atoms/types';
import { bestCommandSet, commandStats, inRunOrder, succeededHeads } from './commands';
import { recurringCorrections } from './corrections';
import { slug, titleOf, uniqueName, type SkillDraft } from './draft';
import type { ProjectEvidence } from './project-skill';
import { code, commandLines, evidenceLines, exampleRequests, pitfallLines, ruleLines } from './render';
import { collapse, mostSharedSequence } from './sequences';
import type { ActionCluster } from './workflows';

/** Verbs that open a task; a workflow is named after the one its requests use most. */
const TASK_VERBS = [
  'add', 'fix', 'create', 'update', 'remove', 'delete', 'release', 'deploy', 'bump', 'write', 'refactor', 'rename', 'migrate',
  'upgrade', 'build', 'debug', 'review', 'document', 'cut', 'publish', 'generate', 'check', 'investigate', 'explain', 'compare',
  'implement', 'merge', 'rebase', 'commit', 'push', 'clean', 'move', 'split', 'extract', 'replace', 'support', 'test', 'run',
];

export interface WorkflowInput {
  cluster: ActionCluster;
  /** The project's evidence; its working commands are already the project skill's and need not be repeated. */
  project?: ProjectEvidence;
  cleanRequests: ReadonlyMap<string, string>;
  allRequests: readonly string[];
  minSessions: number;
  takenNames: ReadonlySet<string>;
  name?: string;
}

/** At most this many commands of its own: a workflow names what sets it apart. */
const MAX_OWN = 4;

/**
 * A workflow skill for a group of requests that did the same kind of work, or nothing when the group says
 * nothing the project skill does not (its commands add nothing to what its requests need).
 */
export function draftWorkflowSkill(input: WorkflowInput): SkillDraft | undefined {
  const members = input.cluster.members;
  const stats = commandStats(members);
  const truths = members.map(succeededHeads).filter((s) => s.size > 0);
  const base = new Set(input.project?.working ?? []);
  const own = bestCommandSet(truths, [...stats.values()], { minSessions: input.minSessions, max: MAX_OWN, base });
  if (own.length === 0 && base.size > 0) return undefined;
  const heads = inRunOrder(own.length ? own : [...stats.keys()].filter((h) => (stats.get(h)?.sessions.size ?? 0) >= input.minSessions).slice(0, 2), stats);
  if (heads.length === 0) return undefined;
  const requests = members.map((a) => input.cleanRequests.get(a.id) ?? a.intent);
  const commandWords = commandWordsOf(input.project?.stats.keys() ?? stats.keys());
  const name = input.name ?? uniqueName(workflowName(requests, input.allRequests, heads, commandWords), input.takenNames);
  const sessions = [...new Set(members.map((a) => a.sessionKey))].sort();
  const edits = editedKinds(input.cluster);
  const recipes = (input.project?.recoveries ?? []).filter((r) => heads.includes(r.head)).slice(0, 4);
  const rules = recurringCorrections(members, input.minSessions).slice(0, 4);
  const topics = topicWords(requests, input.allRequests, 6, commandWords);
  const examples = exampleRequests(requests);
  const title = titleOf(name);
  const scope = input.project ? ` in ${input.project.project}` : '';
  const sequence = mostSharedSequence(members.map((a) => collapse(a.steps.map((s) => s.signature))))?.signatures ?? [];
  const body = [
    `# ${title}`,
    '',
    `What ${members.length} requests in ${sessions.length} sessions${scope} did. A draft by Skillsmith's offline engine; review it before relying on it.`,
    '',
    '## When to use',
    '',
    `For requests about ${topics.join(', ')}, such as:`,
    '',
    ...examples.map((q) => `- "${q}"`),
    '',
    '## Steps',
    '',
    ...numbered([
      ...orderedSteps(sequence, heads, edits).map((step) => (step.startsWith('edit:') ? `Edit the ${step.slice(5)} files the task is about.` : commandLines([step], stats)[0].replace(/^1\. /, ''))),
      ...(input.project?.working.length ? [`Check the change the way the project does (see working-in-${slug(input.project.project)}).`] : []),
    ]),
    '',
    ...(recipes.length ? ['## Pitfalls', '', ...pitfallLines(recipes), ''] : []),
    ...(rules.length ? ['## Rules from the user', '', ...ruleLines(rules), ''] : []),
    '## Evidence',
    '',
    ...evidenceLines(members),
    '',
  ].join('\n');
  // the words a request is matched by are the requests' own; command names ("test", "run", "build") are in
  // nearly every request and would pull them all in, so the commands are said in the body
  const description = `Use when a request${scope} is about ${topics.join(', ')}: the commands such requests ran, in order, and how they went.`;
  return {
    name,
    description: description.slice(0, 1000),
    body,
    metadata: { 'skillsmith-engine': 'offline', ...(input.project ? { [SCOPE_KEYS.project]: input.project.project } : {}) },
    evidence: {
      atoms: members.map((a) => a.id).sort(),
      sessions,
      sequence,
      occurrences: members.length,
      successRate: members.filter((a) => a.outcome === 'success').length / Math.max(1, members.length),
      commands: heads,
    },
  };
}

/** Commands and edits in the order the shared workflow has them; those it lacks follow in run order. */
function orderedSteps(sequence: readonly string[], heads: readonly string[], edits: readonly string[]): string[] {
  const out: string[] = [];
  for (const sig of sequence) {
    const head = sig.startsWith('run:') ? sig.slice(4) : undefined;
    if (head && heads.includes(head) && !out.includes(head)) out.push(head);
    if (sig.startsWith('edit:') && edits.includes(sig.slice(5)) && !out.includes(sig)) out.push(sig);
  }
  return [...out, ...heads.filter((h) => !out.includes(h)), ...edits.map((e) => `edit:${e}`).filter((e) => !out.includes(e))];
}

function numbered(lines: string[]): string[] {
  return lines.map((l, i) => `${i + 1}. ${l}`);
}

function editedKinds(cluster: ActionCluster): string[] {
  return [...cluster.centroid]
    .filter(([f, share]) => f.startsWith('edit:') && share >= 0.5)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 2)
    .map(([f]) => f.slice(5));
}

/**
 * The verb the requests use most, then the words that set them apart and recur in more than one of them
 * (a word one request used is not what the workflow is about); the main command when no word recurs.
 */
export function workflowName(requests: readonly string[], all: readonly string[], heads: readonly string[], commandWords: ReadonlySet<string> = new Set()): string {
  const verbs = new Map<string, number>();
  for (const r of requests) {
    const words = (r.toLowerCase().match(/[a-z]+/g) ?? []).map(stem);
    // the request's first task verb: "can you check why the build fails and fix it" is a check
    const verb = words.map((w) => TASK_VERBS.find((v) => stem(v) === w)).find((v) => v !== undefined);
    if (verb) verbs.set(verb, (verbs.get(verb) ?? 0) + 1);
  }
  const verb = [...verbs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const recurring = (w: string) => requests.filter((r) => terms(r).map(stem).includes(stem(w))).length >= Math.min(2, requests.length);
  const words = topicWords(requests, all, 8, commandWords).filter((w) => recurring(w) && stem(w) !== stem(verb ?? '')).slice(0, 2);
  const topic = words.length ? words : [heads[0] ?? 'workflow'];
  return slug([verb, ...topic].filter(Boolean).join(' ')) || 'workflow';
}

/**
 * The words that set these requests apart, without the names of commands: a command is said in the steps,
 * and a project's own tool named in a request ("run entire enable") says which program, not which task.
 */
function topicWords(requests: readonly string[], all: readonly string[], limit: number, commandWords: ReadonlySet<string>): string[] {
  // a word is a topic when the requests that use it are mostly these: "test" is everywhere, "migration" is not
  const inGroup = documentCounts(requests);
  const overall = documentCounts(all);
  const surface = surfaceForms(requests);
  return [...inGroup]
    .filter(([w, n]) => n >= Math.min(2, requests.length) && !commandWords.has(surface.get(w) ?? w))
    .map(([w, n]) => ({ w, score: (n * n) / Math.max(n, overall.get(w) ?? n) }))
    .sort((a, b) => b.score - a.score || a.w.localeCompare(b.w))
    .slice(0, limit)
    .map((x) => surface.get(x.w) ?? x.w);
}

function documentCounts(texts: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of texts) for (const w of new Set(terms(t).map(stem))) df.set(w, (df.get(w) ?? 0) + 1);
  return df;
}

/** The commonest spelling of each stem, to write it as people do. */
function surfaceForms(texts: readonly string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const t of texts) for (const w of terms(t)) {
    const m = counts.get(stem(w)) ?? new Map<string, number>();
    m.set(w, (m.get(w) ?? 0) + 1);
    counts.set(stem(w), m);
  }
  return new Map([...counts].map(([s, m]) => [s, [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]]));
}

/** First words of the commands a project runs (`git`, `npm`, its own binary): not topic words. */
export function commandWordsOf(heads: Iterable<string>): Set<string> {
  return new Set([...heads].map((h) => h.split(' ')[0].replace(/^.*\//, '').toLowerCase()));
}

export type { Atom };
