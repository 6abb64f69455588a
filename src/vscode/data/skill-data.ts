import { SkillsmithError } from '../../core/errors';
import { runningCanarySkills, skillsReadyForCanary } from '../../core/evolve/canary/by-hand';
import type { HomePaths } from '../../core/home';
import { listSessions, loadTrajectory } from '../../core/ingest/sessions';
import { StoreTokenLedger } from '../../core/llm/store-ledger';
import type { LedgerRow, LedgerTotals } from '../../core/llm/ledger';
import { SkillLibrary } from '../../core/skills/library/library';
import type { SkillCandidate, SkillSnapshot, SkillVersion } from '../../core/skills/library/types';
import { parseSkillMd } from '../../core/skills/skillmd/parse';
import { DETAIL_SKILL_MD_CHARS, type GroupId, type SessionNode, type SkillDetail, type TreeModel, type VersionNode } from '../../../webview/protocol';
import { provenanceSessions } from '../model/provenance';
import { skillMdOf } from '../model/skill-md';
import { sessionMarkdown } from '../model/session-text';
import { buildTreeModel, findSkill } from '../model/tree-model';
import { installsOf, loadSignals } from './signals';
import { readState } from './state';

const NO_STATE = 'Nothing recorded yet: Skillsmith has no state database in this home (run Ingest Now or Distill Now).';
const NO_TRUST = 'No scored sessions yet: trust comes from how sessions that used this version went.';

const libraries = new Map<string, Promise<SkillLibrary>>();

/** One library object per folder: its operations queue behind each other, so all callers must share it. */
export function openLibrary(dir: string): Promise<SkillLibrary> {
  let open = libraries.get(dir);
  if (!open) {
    open = SkillLibrary.open(dir);
    libraries.set(dir, open);
    open.catch(() => libraries.delete(dir)); // a failed open is retried next time
  }
  return open;
}

/**
 * What the views show, read from the library and (read-only) from the state database of one home. Nothing
 * here imports `vscode`, so it is tested on real folders in plain Node.
 */
export class SkillData {
  constructor(readonly home: HomePaths) {}

  library(): Promise<SkillLibrary> {
    return openLibrary(this.home.library);
  }

  async tree(): Promise<TreeModel> {
    const library = await this.library();
    const [skills, candidates] = [await library.list(), await library.listCandidates()];
    const described = [];
    for (const c of candidates) described.push({ ...c, description: descriptionOf(await library.show(c.name, c.version.id)) });
    const notices: string[] = [];
    const current = new Map(skills.map((x) => [x.name, x.version]));
    const signals = await readState(this.home.state, (db) => loadSignals(db, current)).catch((e: unknown) => {
      notices.push(`Trust, canary and use counts are unavailable: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
    return buildTreeModel({ library: library.dir, skills, candidates: described, signals: signals ?? loadSignals(undefined), notices });
  }

  /** A skill's versions (newest first; a candidate on top) and the sessions it came from. */
  async children(name: string, group: GroupId): Promise<{ versions: VersionNode[]; sessions: SessionNode[] }> {
    const library = await this.library();
    const candidate = group === 'active' || group === 'quarantined' ? undefined : await this.candidate(name);
    const history = group === 'drafts' ? [] : await library.log(name);
    const versions = versionNodes(history, candidate);
    const sessions = (await readState(this.home.state, (s) => provenanceSessions(s, name))) ?? [];
    return { versions, sessions };
  }

  /** Everything the detail panel shows of a skill: its candidate when asked for or when it has no library version. */
  async detail(name: string, prefer: 'library' | 'candidate' = 'library'): Promise<SkillDetail> {
    const library = await this.library();
    const candidate = await this.candidate(name);
    const current = await library.show(name).catch((e: unknown) => {
      if (e instanceof SkillsmithError) return undefined; // not in the library (yet)
      throw e;
    });
    if (!current && !candidate) throw new SkillsmithError(`no skill or candidate named "${name}"`, library.dir);
    const history = current ? await library.log(name) : [];
    const currentVersion = new Map(current ? [[name, current.version]] : []);
    const state = await readState(this.home.state, (db) => ({
      signals: loadSignals(db, currentVersion),
      installs: installsOf(db, name),
      canStartCanary: skillsReadyForCanary(db, current ? [{ name, version: current.version }] : [], candidate ? [candidate] : []).includes(name),
    }));
    const signals = state?.signals ?? loadSignals(undefined);
    const model = buildTreeModel({
      library: library.dir,
      skills: current ? [{ name, description: descriptionOf(current), version: current.version, updatedAt: history[0]?.date ?? '' }] : [],
      candidates: candidate ? [{ ...candidate, description: '' }] : [],
      signals,
    });
    const showCandidate = Boolean(candidate) && (prefer === 'candidate' || !current);
    const snapshot = showCandidate ? await library.show(name, candidate!.version.id) : current!;
    const node = showCandidate ? findSkill(model, name, ['canary', 'candidates', 'drafts']) : findSkill(model, name, ['active', 'quarantined']);
    // a candidate shows what it was written from; the library's version, everything the skill came from (an
    // accepted version is a merge commit, so its evidence is recorded against the candidate commit it merged)
    const provenance = (await readState(this.home.state, (s) => provenanceSessions(s, name, showCandidate ? snapshot.version : undefined))) ?? [];
    const skillMd = skillMdOf(snapshot);
    const unavailable: SkillDetail['unavailable'] = [];
    if (!state) unavailable.push({ section: 'trust', reason: NO_STATE }, { section: 'installs', reason: NO_STATE });
    else if (!signals.trust.get(name)) unavailable.push({ section: 'trust', reason: NO_TRUST });
    if (provenance.length === 0) unavailable.push({ section: 'provenance', reason: showCandidate ? 'No provenance recorded for this candidate: it was written by hand.' : 'No provenance recorded: the skill was written by hand or imported.' });
    return {
      name,
      group: node?.group ?? 'active',
      shown: { kind: showCandidate ? 'candidate' : 'library', version: snapshot.version },
      ...panelText(skillMd),
      files: Object.keys(snapshot.files).sort(),
      metadata: metadataOf(skillMd, name),
      versions: versionNodes(history, candidate),
      ...(candidate ? { candidate: { version: candidate.version.id, reason: candidate.reason, baseVersion: candidate.baseVersion } } : {}),
      provenance,
      ...(node?.uses !== undefined ? { uses: node.uses } : {}),
      trust: showCandidate ? null : (signals.trust.get(name) ?? null),
      installs: state?.installs ?? null,
      canary: signals.canary.get(name) ?? null,
      canStartCanary: state?.canStartCanary ?? false,
      unavailable,
    };
  }

  /** Skills a canary can start for now, and skills with one running (for pickers and `when` clauses). */
  async canaryChoices(): Promise<{ ready: string[]; running: string[] }> {
    const library = await this.library();
    const [skills, candidates] = [await library.list(), await library.listCandidates()];
    const read = await readState(this.home.state, (db) => ({ ready: skillsReadyForCanary(db, skills, candidates), running: runningCanarySkills(db) }));
    return read ?? { ready: [], running: [] };
  }

  async candidate(name: string): Promise<SkillCandidate | undefined> {
    return (await (await this.library()).listCandidates()).find((c) => c.name === name);
  }

  /** A stored session as Markdown, with the line each turn starts on. */
  async sessionText(key: string): Promise<{ text: string; turnLines: number[] }> {
    const found = await readState(this.home.state, (s) => {
      const t = loadTrajectory(s, key);
      return t && { t, meta: listSessions(s).find((x) => x.key === key) };
    });
    if (!found) throw new SkillsmithError(`session ${key} is not in the state database`, this.home.state, 'it may have been ingested by another home; run Ingest Now');
    return sessionMarkdown(key, found.meta, found.t);
  }

  /** Token spend per day, stage and model (oldest first), and today's total. */
  async tokenUsage(today: string): Promise<{ rows: LedgerRow[]; today: LedgerTotals }> {
    const none = { inputTokens: 0, outputTokens: 0, calls: 0 };
    const read = await readState(this.home.state, (s) => {
      const ledger = new StoreTokenLedger(s);
      return { rows: ledger.rows(), today: ledger.totals({ day: today }) };
    });
    return read ?? { rows: [], today: none };
  }
}

function versionNodes(history: readonly SkillVersion[], candidate: SkillCandidate | undefined): VersionNode[] {
  const nodes: VersionNode[] = history.map((v, i) => ({ id: v.id, date: v.date, subject: subjectOf(v.message), current: i === 0, candidate: false }));
  if (candidate) nodes.unshift({ id: candidate.version.id, date: candidate.version.date, subject: subjectOf(candidate.version.message), current: false, candidate: true });
  return nodes;
}

function subjectOf(message: string): string {
  return message.split('\n', 1)[0]!.trim();
}

function descriptionOf(snapshot: SkillSnapshot): string {
  try {
    const d = parseSkillMd(skillMdOf(snapshot), `${snapshot.name}/SKILL.md`).data.description;
    return typeof d === 'string' ? d.trim() : '';
  } catch {
    return '';
  }
}

/** Front matter fields as display pairs; nested maps (e.g. `metadata`) become `metadata.key` rows. */
/**
 * The SKILL.md as the panel gets it: whole when it fits, else its first lines up to the panel's size and the
 * whole length (the page then offers the whole file in an editor). A page that must render megabytes of
 * Markdown stalls, and the protocol refuses text that long.
 */
export function panelText(skillMd: string): { skillMd: string; skillMdChars?: number } {
  if (skillMd.length <= DETAIL_SKILL_MD_CHARS) return { skillMd };
  const cut = skillMd.lastIndexOf('\n', DETAIL_SKILL_MD_CHARS - 1);
  return { skillMd: skillMd.slice(0, cut > 0 ? cut + 1 : DETAIL_SKILL_MD_CHARS), skillMdChars: skillMd.length };
}

export function metadataOf(skillMd: string, name: string): Array<{ key: string; value: string }> {
  let data: Record<string, unknown>;
  try {
    data = parseSkillMd(skillMd, `${name}/SKILL.md`).data;
  } catch (e) {
    return [{ key: 'error', value: e instanceof Error ? e.message : String(e) }];
  }
  const rows: Array<{ key: string; value: string }> = [];
  const add = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) add(`${prefix}.${k}`, v);
    } else rows.push({ key: prefix, value: Array.isArray(value) ? value.map(String).join(', ') : String(value) });
  };
  for (const [k, v] of Object.entries(data)) add(k, v);
  return rows;
}
