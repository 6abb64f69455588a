// Builds the skill tree's DOM from the model: groups, skills (paged), and their lazily loaded children.
import type { Action, ActionTarget, GroupId, GroupNode, SessionNode, SkillNode, VersionNode } from '../protocol';
import { groupKey } from '../protocol';
import { h, icon, shortDate, shortId } from '../shared/dom';
import { PAGE } from './filter';

export const GROUP_ICONS: Record<GroupId, string> = {
  active: 'pass',
  candidates: 'git-pull-request',
  canary: 'beaker',
  drafts: 'lightbulb',
  quarantined: 'shield',
};

const SKILL_ICONS: Record<GroupId, string> = { ...GROUP_ICONS, active: 'book' };

const GROUP_EMPTY: Record<GroupId, string> = {
  active: 'No skills in the library yet.',
  candidates: 'No new versions await review.',
  canary: 'No canary is running.',
  drafts: 'No drafts. Distill your sessions to get some.',
  quarantined: 'Nothing quarantined.',
};

/** What a click or Enter on an item does; buttons on an item carry their own action. */
export type ItemIntent =
  | { kind: 'action'; action: Action; target: ActionTarget }
  | { kind: 'more'; group: GroupId }
  | { kind: 'none' };

export type ChildrenState = { versions: VersionNode[]; sessions: SessionNode[] } | { error: string } | 'loading';

const intents = new WeakMap<Element, ItemIntent>();

export function intentOf(el: Element): ItemIntent {
  return intents.get(el) ?? { kind: 'none' };
}

function item(key: string, attrs: Record<string, string | boolean | undefined>, intent: ItemIntent, ...children: Array<Node | string>): HTMLElement {
  const el = h('vscode-tree-item', { 'data-key': key, ...attrs }, ...children);
  intents.set(el, intent);
  return el;
}

function button(iconName: string, label: string, action: Action, target: ActionTarget): HTMLElement {
  const b = h('vscode-toolbar-button', { icon: iconName, label, title: label, 'aria-label': label, 'data-action': action });
  intents.set(b, { kind: 'action', action, target });
  return b;
}

export function groupItem(g: GroupNode, shown: number, open: boolean, renderSkill: (s: SkillNode) => HTMLElement): HTMLElement {
  const el = item(
    groupKey(g.id),
    { branch: true, open, class: `group group-${g.id}` },
    { kind: 'none' },
    ...branchIcons(GROUP_ICONS[g.id]),
    h('span', { class: 'label' }, g.label),
    h('vscode-badge', { variant: 'counter', slot: 'decoration', 'aria-label': `${g.skills.length} skills` }, String(g.skills.length)),
  );
  if (g.skills.length === 0) {
    el.append(item(`${groupKey(g.id)}/empty`, { class: 'hint-item' }, { kind: 'none' }, h('span', { class: 'hint' }, GROUP_EMPTY[g.id])));
    return el;
  }
  for (const s of g.skills.slice(0, shown)) el.append(renderSkill(s));
  const rest = g.skills.length - shown;
  if (rest > 0) {
    const more = `Show ${Math.min(rest, PAGE * 2)} more (${rest} not shown)`;
    el.append(item(`${groupKey(g.id)}/more`, { class: 'more-item' }, { kind: 'more', group: g.id }, leafIcon('ellipsis'), h('span', { class: 'more' }, more)));
  }
  return el;
}

function branchIcons(name: string): HTMLElement[] {
  return ['icon-branch', 'icon-branch-opened'].map((slot) => {
    const i = icon(name);
    i.setAttribute('slot', slot);
    return i;
  });
}

/** The action a click on a skill takes: candidates open their diff for review, others their detail. */
function primaryAction(s: SkillNode): Action {
  return s.group === 'candidates' || s.group === 'canary' ? 'compareCandidate' : 'openSkill';
}

export function skillItem(s: SkillNode, open: boolean, children: ChildrenState | undefined): HTMLElement {
  const target: ActionTarget = { skill: s.name };
  const facts = [shortId(s.version), s.uses !== undefined ? `${s.uses} use${s.uses === 1 ? '' : 's'}` : undefined].filter(Boolean).join(' · ');
  const tooltip = [s.name, s.description, s.reason ? `Proposed: ${s.reason.split('\n', 1)[0]}` : '', `Version ${shortId(s.version)} · ${shortDate(s.updatedAt)}`].filter(Boolean).join('\n');
  const el = item(
    s.key,
    { branch: true, open, class: `skill skill-${s.group}`, title: tooltip },
    { kind: 'action', action: primaryAction(s), target },
    h('span', { class: 'label' }, s.name),
    h('span', { slot: 'description' }, facts),
  );
  el.prepend(...branchIcons(SKILL_ICONS[s.group]));
  for (const b of badges(s)) el.append(b);
  el.append(actionBar(s, target));
  el.append(...childItems(s, children));
  return el;
}

function badges(s: SkillNode): HTMLElement[] {
  const out: HTMLElement[] = [];
  const badge = (text: string, kind: string, label: string) => h('vscode-badge', { slot: 'decoration', class: `badge badge-${kind}`, title: label, 'aria-label': label }, text);
  if (s.group === 'drafts') out.push(badge('draft', 'draft', 'A new skill awaiting review'));
  if (s.group === 'candidates') out.push(badge(s.baseVersion ? 'review' : 'new', 'review', 'A new version awaiting review'));
  if (s.canary) out.push(badge(s.canary === 'running' ? 'canary' : s.canary, 'canary', `Canary: ${s.canary}`));
  if (s.trust) out.push(badge(s.trust, `trust-${s.trust}`, `Trust: ${s.trust}`));
  return out;
}

function actionBar(s: SkillNode, target: ActionTarget): HTMLElement {
  const bar = h('vscode-toolbar-container', { slot: 'actions' });
  if (s.group === 'canary') {
    // a running canary ends by promotion or stop: accepting directly would leave it to be cancelled
    bar.append(
      button('rocket', 'Promote now', 'promoteCanary', target),
      button('debug-stop', 'Stop canary…', 'stopCanary', target),
      button('diff', 'Compare candidate with current', 'compareCandidate', target),
      button('info', 'Details', 'openSkill', target),
    );
  } else if (s.group === 'candidates' || s.group === 'drafts') {
    bar.append(
      button('check', 'Accept', 'acceptCandidate', target),
      button('close', 'Reject…', 'rejectCandidate', target),
      button('edit', 'Edit before accepting', 'editCandidate', target),
      s.group === 'drafts' ? button('diff', 'Show as a diff', 'compareCandidate', target) : button('info', 'Details', 'openSkill', target),
    );
  } else {
    bar.append(button('compare-changes', 'Compare with previous version', 'compareWithPrevious', target), button('info', 'Details', 'openSkill', target));
  }
  return bar;
}

function childItems(s: SkillNode, children: ChildrenState | undefined): HTMLElement[] {
  if (children === undefined || children === 'loading') {
    return [item(`${s.key}/loading`, { class: 'hint-item' }, { kind: 'none' }, h('span', { class: 'hint' }, 'Loading…'))];
  }
  if ('error' in children) return [item(`${s.key}/error`, { class: 'hint-item' }, { kind: 'none' }, h('span', { class: 'error' }, children.error))];
  const out = children.versions.map((v, i) => versionItem(s, v, children.versions[i + 1]));
  out.push(...children.sessions.map((x) => sessionItem(s, x)));
  if (children.sessions.length === 0) {
    out.push(item(`${s.key}/no-sessions`, { class: 'hint-item' }, { kind: 'none' }, h('span', { class: 'hint' }, 'No source sessions recorded (written by hand or imported).')));
  }
  return out;
}

function versionItem(s: SkillNode, v: VersionNode, older: VersionNode | undefined): HTMLElement {
  const target: ActionTarget = { skill: s.name, version: v.id };
  const tag = v.candidate ? 'candidate' : v.current ? 'current' : '';
  const el = item(
    `${s.key}/v/${v.id}`,
    { class: 'version', title: `${v.subject}\n${shortDate(v.date)}` },
    v.candidate ? { kind: 'action', action: 'compareCandidate', target: { skill: s.name } } : { kind: 'action', action: 'openVersion', target },
    leafIcon(v.candidate ? 'git-pull-request' : 'git-commit'),
    h('span', { class: 'label mono' }, shortId(v.id)),
    h('span', { slot: 'description' }, `${shortDate(v.date)} · ${v.subject}`),
  );
  if (tag) el.append(h('vscode-badge', { slot: 'decoration', class: `badge badge-${tag}` }, tag));
  const bar = h('vscode-toolbar-container', { slot: 'actions' });
  if (!v.candidate && older && !older.candidate) bar.append(button('compare-changes', 'Compare with previous version', 'compareWithPrevious', target));
  if (!v.candidate && !v.current) bar.append(button('discard', 'Revert the skill to this version…', 'revertToVersion', target));
  if (bar.childElementCount > 0) el.append(bar);
  return el;
}

function sessionItem(s: SkillNode, x: SessionNode): HTMLElement {
  const first = x.atoms[0]?.turnStart ?? 0;
  const intents = x.atoms.map((a) => `turns ${a.turnStart}–${a.turnEnd - 1}: ${a.intent} (${a.outcome})`).join('\n');
  return item(
    `${s.key}/s/${x.key}`,
    { class: 'session', title: `${x.label}\n${intents}` },
    { kind: 'action', action: 'openSession', target: { skill: s.name, session: x.key, turn: first } },
    leafIcon('comment-discussion'),
    h('span', { class: 'label' }, x.label),
    h('span', { slot: 'description' }, `${x.atoms.length} request${x.atoms.length === 1 ? '' : 's'}`),
  );
}

function leafIcon(name: string): HTMLElement {
  const i = icon(name);
  i.setAttribute('slot', 'icon-leaf');
  return i;
}
