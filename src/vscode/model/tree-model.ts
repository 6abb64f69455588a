import type { LibrarySkill, SkillCandidate } from '../../core/skills/library/types';
import { GROUPS, skillKey, type CanaryView, type GroupId, type GroupNode, type SkillNode, type TreeModel, type TrustView } from '../../../webview/protocol';

/** What the views know about a skill beyond the library: trust, canary, uses (each may be unknown). */
export interface SkillSignals {
  trust: ReadonlyMap<string, TrustView>;
  canary: ReadonlyMap<string, CanaryView>;
  uses: ReadonlyMap<string, number>;
}

export const NO_SIGNALS: SkillSignals = { trust: new Map(), canary: new Map(), uses: new Map() };

export const GROUP_LABELS: Record<GroupId, string> = {
  active: 'Active',
  candidates: 'Candidates awaiting review',
  canary: 'Canary running',
  drafts: 'Drafts',
  quarantined: 'Quarantined',
};

export interface TreeInput {
  library: string;
  skills: readonly LibrarySkill[];
  /** Candidates with the description their SKILL.md gives. */
  candidates: ReadonlyArray<SkillCandidate & { description: string }>;
  signals: SkillSignals;
  notices?: string[];
}

/**
 * The sidebar's groups. A library skill is Active unless its trust level quarantines or blocks it. A
 * candidate for a skill the library does not have yet is a Draft; one for an existing skill awaits review,
 * or is in the Canary group while a canary serves it. A skill with a candidate shows in both places: its
 * current version under Active, the proposal under its own group.
 */
export function buildTreeModel(input: TreeInput): TreeModel {
  const groups = new Map<GroupId, SkillNode[]>(GROUPS.map((g) => [g, []]));
  const inLibrary = new Set(input.skills.map((s) => s.name));
  const { trust, canary, uses } = input.signals;
  for (const s of input.skills) {
    const level = trust.get(s.name)?.level;
    const group: GroupId = level === 'quarantined' || level === 'blocked' ? 'quarantined' : 'active';
    groups.get(group)!.push({
      key: skillKey(group, s.name),
      group,
      name: s.name,
      description: s.description,
      version: s.version,
      updatedAt: s.updatedAt,
      ...optional({ trust: level, uses: uses.get(s.name), canary: canary.get(s.name)?.status }),
    });
  }
  for (const c of input.candidates) {
    const run = canary.get(c.name);
    const group: GroupId = !inLibrary.has(c.name) ? 'drafts' : run?.status === 'running' && run.candidate === c.version.id ? 'canary' : 'candidates';
    groups.get(group)!.push({
      key: skillKey(group, c.name),
      group,
      name: c.name,
      description: c.description,
      version: c.version.id,
      updatedAt: c.version.date,
      baseVersion: c.baseVersion,
      reason: c.reason,
      ...optional({ canary: group === 'canary' ? run?.status : undefined }),
    });
  }
  const nodes: GroupNode[] = GROUPS.map((id) => ({
    id,
    label: GROUP_LABELS[id],
    skills: groups.get(id)!.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  }));
  return { library: input.library, groups: nodes, notices: input.notices ?? [] };
}

/** Drops undefined fields, so the message carries only what is known. */
function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The group a skill of that name shows in first: where the palette commands look for it. */
export function findSkill(model: TreeModel, name: string, prefer: readonly GroupId[] = GROUPS): SkillNode | undefined {
  for (const g of prefer) {
    const hit = model.groups.find((x) => x.id === g)?.skills.find((s) => s.name === name);
    if (hit) return hit;
  }
  return undefined;
}
