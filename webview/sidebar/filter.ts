import type { SkillNode, TreeModel } from '../protocol';

/**
 * The model narrowed to the skills that match every word of `text` in their name, description or proposal
 * reason (case-insensitive). Groups stay, even when empty, so the tree keeps its shape as you type.
 */
export function filterModel(model: TreeModel, text: string): TreeModel {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return model;
  const matches = (s: SkillNode) => {
    const hay = `${s.name}\n${s.description}\n${s.reason ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  return { ...model, groups: model.groups.map((g) => ({ ...g, skills: g.skills.filter(matches) })) };
}

export function countSkills(model: TreeModel): number {
  return model.groups.reduce((n, g) => n + g.skills.length, 0);
}

/** How many skills a group shows before its "Show more" item. */
export const PAGE = 100;
