/**
 * The one protocol between the extension host and its webviews (the sidebar skill browser and the skill detail
 * panel), typed and checked in one place. Each side parses what it receives with these schemas: the webview
 * is untrusted, so the host accepts only the actions and shapes listed here; the host's messages are checked
 * before they reach the DOM. Names follow one rule: host → view messages describe state, view → host messages
 * ask for something.
 */
import * as z from 'zod/mini';
import { isSkillName } from '../src/core/skills/skillmd/name-rule';

// ---- shared pieces -------------------------------------------------------------------------------------------

/** Agent Skills names: exactly those the SKILL.md validator accepts (letters and digits of any script, hyphens). */
export const SkillName = z.string().check(z.maxLength(256), z.refine(isSkillName, 'not a valid skill name'));
/** A version is a commit id, full or abbreviated. */
export const VersionId = z.string().check(z.regex(/^[0-9a-f]{4,40}$/));
/** `<agent>:<session id>` as the state store keys sessions. */
export const SessionKey = z.string().check(z.minLength(1), z.maxLength(512));

export const GROUPS = ['active', 'candidates', 'canary', 'drafts', 'quarantined'] as const;
export const GroupId = z.enum(GROUPS);
export type GroupId = z.infer<typeof GroupId>;

export const TrustLevel = z.enum(['trusted', 'verified', 'quarantined', 'blocked']);
export type TrustLevel = z.infer<typeof TrustLevel>;

export const CanaryStatus = z.enum(['running', 'promoted', 'rolled-back', 'inconclusive', 'expired', 'stopped', 'cancelled']);
export type CanaryStatus = z.infer<typeof CanaryStatus>;

const Text = z.string().check(z.maxLength(200_000));

/** How much of a SKILL.md the detail panel is sent; the rest is one click away in an editor. */
export const DETAIL_SKILL_MD_CHARS = 100_000;
const Count = z.int().check(z.minimum(0));
const Rate = z.number().check(z.minimum(0), z.maximum(1));

/** One version of a skill in the library (or the candidate on top of it). */
export const VersionNode = z.object({
  id: VersionId,
  date: z.string(),
  /** The first line of the commit message. */
  subject: z.string(),
  current: z.boolean(),
  candidate: z.boolean(),
});
export type VersionNode = z.infer<typeof VersionNode>;

/** A session a version was distilled from. */
export const SessionNode = z.object({
  key: SessionKey,
  label: z.string(),
  /** The atoms (single-intent slices) of it that counted as evidence. */
  atoms: z.array(z.object({ turnStart: z.int(), turnEnd: z.int(), intent: z.string(), outcome: z.string() })),
});
export type SessionNode = z.infer<typeof SessionNode>;

/** Trust of the current version, from scored sessions (src/core/match/trust). */
export const TrustView = z.object({
  level: TrustLevel,
  /** Why it has that level (the rule, the person, or the scanner's finding). */
  reason: z.string(),
  successes: Count,
  failures: Count,
  mean: Rate,
  /** Lower credible bound of the success rate. */
  lower: Rate,
});
export type TrustView = z.infer<typeof TrustView>;

/** Where a skill is installed (src/core/skills/install). */
export const InstallView = z.object({
  agent: z.string(),
  scope: z.enum(['user', 'project']),
  path: z.string(),
  version: z.string(),
  mode: z.enum(['link', 'copy']),
  pinned: z.boolean(),
});
export type InstallView = z.infer<typeof InstallView>;

/** A point of a canary's progress: cumulative successes and scored sessions per arm. */
export const CanaryLook = z.object({
  at: z.string(),
  current: z.object({ successes: Count, trials: Count }),
  candidate: z.object({ successes: Count, trials: Count }),
});
export type CanaryLook = z.infer<typeof CanaryLook>;

/** A canary of a candidate version against the current one (src/core/evolve/canary). */
export const CanaryView = z.object({
  status: CanaryStatus,
  current: VersionId,
  candidate: VersionId,
  /** Share of sessions served the candidate. */
  share: Rate,
  startedAt: z.string(),
  decidedAt: z.optional(z.string()),
  reason: z.optional(z.string()),
  looks: z.array(CanaryLook),
});
export type CanaryView = z.infer<typeof CanaryView>;

// ---- the sidebar ---------------------------------------------------------------------------------------------

export const SkillNode = z.object({
  /** Unique in the tree: `<group>/<name>`. */
  key: z.string(),
  group: GroupId,
  name: SkillName,
  description: z.string(),
  /** The library version, or for candidates and drafts the candidate's commit. */
  version: VersionId,
  updatedAt: z.string(),
  /** For candidates and drafts: the library version it would replace (null: a new skill) and why it was proposed. */
  baseVersion: z.optional(z.nullable(VersionId)),
  reason: z.optional(z.string()),
  trust: z.optional(TrustLevel),
  /** Sessions that used the skill, when known. */
  uses: z.optional(Count),
  canary: z.optional(CanaryStatus),
});
export type SkillNode = z.infer<typeof SkillNode>;

export const GroupNode = z.object({ id: GroupId, label: z.string(), skills: z.array(SkillNode) });
export type GroupNode = z.infer<typeof GroupNode>;

export const TreeModel = z.object({
  library: z.string(),
  groups: z.array(GroupNode),
  /** Things the user should know about the data shown (e.g. a part that could not be read). */
  notices: z.array(z.string()),
});
export type TreeModel = z.infer<typeof TreeModel>;

/** What the sidebar shows besides the data; kept by the host so that reopening the view restores it. */
export const BrowserState = z.strictObject({
  filter: z.string().check(z.maxLength(200)),
  /** Keys of the open tree items (groups and skills). */
  expanded: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(10_000)),
  selected: z.optional(z.string().check(z.maxLength(600))),
  /** How many skills each group shows before "Show more". */
  shown: z.partialRecord(GroupId, z.int().check(z.minimum(1), z.maximum(1_000_000))),
});
export type BrowserState = z.infer<typeof BrowserState>;

export const EMPTY_BROWSER_STATE: BrowserState = { filter: '', expanded: ['group/active', 'group/candidates', 'group/canary', 'group/drafts'], shown: {} };

/** What a running job reports to the sidebar. */
export const JobView = z.object({ kind: z.enum(['distill', 'ingest']), text: z.string() });
export type JobView = z.infer<typeof JobView>;

// ---- the detail panel ----------------------------------------------------------------------------------------

export const SkillDetail = z.object({
  name: SkillName,
  group: GroupId,
  /** The version shown: the library's current version or the candidate's commit. */
  shown: z.object({ kind: z.enum(['library', 'candidate']), version: VersionId }),
  /** The SKILL.md, or its first DETAIL_SKILL_MD_CHARS characters when `skillMdChars` is set. */
  skillMd: Text,
  /** The whole file's length, when `skillMd` is only its beginning. */
  skillMdChars: z.optional(Count),
  files: z.array(z.string()),
  /** Front matter fields, flattened to text for display. */
  metadata: z.array(z.object({ key: z.string(), value: z.string() })),
  versions: z.array(VersionNode),
  candidate: z.optional(z.object({ version: VersionId, reason: z.string(), baseVersion: z.nullable(VersionId) })),
  provenance: z.array(SessionNode),
  uses: z.optional(Count),
  /** null: no scored session yet (or no trust model in this build). */
  trust: z.nullable(TrustView),
  /** null: installs cannot be listed in this build. */
  installs: z.nullable(z.array(InstallView)),
  /** null: no canary has run for this skill. */
  canary: z.nullable(CanaryView),
  /** A canary can start now: the skill is installed, its candidate builds on the current version, none runs. */
  canStartCanary: z.optional(z.boolean()),
  /** Why a section is empty, when the reason is not "nothing happened yet". */
  unavailable: z.array(z.object({ section: z.enum(['trust', 'installs', 'canary', 'provenance']), reason: z.string() })),
});
export type SkillDetail = z.infer<typeof SkillDetail>;

// ---- actions either view may ask for ---------------------------------------------------------------------------

export const ACTIONS = [
  'openSkill',
  'openVersion',
  'openSession',
  'compareWithPrevious',
  'compareCandidate',
  'acceptCandidate',
  'rejectCandidate',
  'editCandidate',
  'revertToVersion',
  'installSkill',
  'startCanary',
  'promoteCanary',
  'stopCanary',
] as const;
export const Action = z.enum(ACTIONS);
export type Action = z.infer<typeof Action>;

export const ActionTarget = z.strictObject({
  skill: SkillName,
  version: z.optional(VersionId),
  session: z.optional(SessionKey),
  /** For sessions: the first turn to show. */
  turn: z.optional(z.int().check(z.minimum(0))),
});
export type ActionTarget = z.infer<typeof ActionTarget>;

/** Palette commands the sidebar's empty state and toolbar may run. */
export const VIEW_COMMANDS = ['distillNow', 'ingestNow', 'configureLlm', 'addTranscriptFolder', 'showSources', 'showLog'] as const;
export const ViewCommand = z.enum(VIEW_COMMANDS);
export type ViewCommand = z.infer<typeof ViewCommand>;

// ---- the evaluation panel ------------------------------------------------------------------------------------

const MetricMean = z.object({ mean: Rate, n: Count });
const MethodScores = z.object({ recall: MetricMean, precision: MetricMean, f1: MetricMean, foresight: MetricMean, coverage: MetricMean });
export const EVAL_METHODS = ['skills', 'rawReuse', 'staticPlaybook'] as const;
export const EVAL_METRICS = ['recall', 'precision', 'f1', 'foresight', 'coverage'] as const;

/** What Skillsmith: Evaluate Skills shows: the skills' hindsight scores beside the two baselines. */
export const EvaluationView = z.object({
  engine: z.string().check(z.maxLength(100)),
  k: Count,
  split: z.object({ fraction: Rate, sessions: Count, earlier: Count, later: Count, undated: Count, boundary: z.optional(z.string().check(z.maxLength(40))) }),
  laterRequests: z.object({ total: Count, withCommands: Count, withFailures: Count }),
  skills: z.array(z.object({ name: z.string().check(z.maxLength(200)), named: Count })).check(z.maxLength(5000)),
  matchedSkills: Count,
  budget: Count,
  methods: z.object({ skills: MethodScores, rawReuse: MethodScores, staticPlaybook: MethodScores }),
  tokens: z.object({ input: Count, output: Count, calls: Count }),
  problems: Count,
});
export type EvaluationView = z.infer<typeof EvaluationView>;

// ---- messages ------------------------------------------------------------------------------------------------

export const HostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tree'), model: TreeModel, state: BrowserState }),
  z.object({ type: z.literal('children'), key: z.string(), versions: z.array(VersionNode), sessions: z.array(SessionNode) }),
  z.object({ type: z.literal('childrenFailed'), key: z.string(), message: z.string() }),
  z.object({ type: z.literal('job'), job: z.nullable(JobView) }),
  z.object({ type: z.literal('detail'), detail: SkillDetail }),
  z.object({ type: z.literal('error'), message: z.string() }),
  z.object({ type: z.literal('evaluation'), evaluation: EvaluationView }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

export const ViewMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('state'), state: BrowserState }),
  z.strictObject({ type: z.literal('children'), key: z.string().check(z.maxLength(300)), skill: SkillName, group: GroupId }),
  z.strictObject({ type: z.literal('action'), action: Action, target: ActionTarget }),
  z.strictObject({ type: z.literal('command'), command: ViewCommand }),
]);
export type ViewMessage = z.infer<typeof ViewMessage>;

/**
 * The message, typed, or undefined when it does not fit the protocol. A tree whose frame fits keeps every
 * skill that does: one bad entry leaves out only itself, named in a notice.
 */
export function parseHostMessage(v: unknown): HostMessage | undefined {
  const r = HostMessage.safeParse(v);
  if (r.success) return r.data;
  const tree = (v as { type?: unknown } | null)?.type === 'tree' ? salvageTree(v as { model?: unknown; state?: unknown }) : undefined;
  return tree ? { type: 'tree', ...tree } : undefined;
}

/** The tree's skills that fit the protocol, and one line naming those that do not (none: nothing left out). */
export function showableTree(model: TreeModel): { model: TreeModel; dropped: string[] } {
  const dropped: string[] = [];
  const groups = model.groups.map((g) => ({
    ...g,
    skills: g.skills.filter((s) => {
      const ok = SkillNode.safeParse(s).success;
      if (!ok) dropped.push(describeEntry(s));
      return ok;
    }),
  }));
  if (dropped.length === 0) return { model, dropped };
  const notice = `${dropped.length} skill${dropped.length === 1 ? '' : 's'} could not be shown: ${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? ', …' : ''}`;
  return { model: { ...model, groups, notices: [...model.notices, notice] }, dropped };
}

const LooseTree = z.object({
  model: z.object({ library: z.string(), groups: z.array(z.object({ id: GroupId, label: z.string(), skills: z.array(z.unknown()) })), notices: z.array(z.string()) }),
  state: BrowserState,
});

function salvageTree(v: { model?: unknown; state?: unknown }): { model: TreeModel; state: BrowserState } | undefined {
  const loose = LooseTree.safeParse(v);
  if (!loose.success) return undefined;
  const { model } = showableTree(loose.data.model as TreeModel);
  const strict = TreeModel.safeParse(model);
  return strict.success ? { model: strict.data, state: loose.data.state } : undefined;
}

function describeEntry(s: unknown): string {
  const name = (s as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : 'an entry without a name';
}

export function parseViewMessage(v: unknown): ViewMessage | undefined {
  const r = ViewMessage.safeParse(v);
  return r.success ? r.data : undefined;
}

/** The key of a skill in the tree. */
export function skillKey(group: GroupId, name: string): string {
  return `${group}/${name}`;
}

export function groupKey(group: GroupId): string {
  return `group/${group}`;
}
