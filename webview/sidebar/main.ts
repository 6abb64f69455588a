// The sidebar skill browser. It renders what the host sends and reports what the user does; the host keeps
// the state (filter, open items, paging), so a reopened view looks as it was left.
import '@vscode-elements/elements/dist/vscode-tree/index.js';
import '@vscode-elements/elements/dist/vscode-tree-item/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-container/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { EMPTY_BROWSER_STATE, groupKey, type BrowserState, type HostMessage, type JobView, type TreeModel, type ViewCommand } from '../protocol';
import { connectHost } from '../shared/host';
import { h, icon } from '../shared/dom';
import { countSkills, filterModel, PAGE } from './filter';
import { groupItem, intentOf, skillItem, type ChildrenState } from './tree';

let model: TreeModel | undefined;
let state: BrowserState = EMPTY_BROWSER_STATE;
let job: JobView | null = null;
let failure: string | undefined;
const children = new Map<string, ChildrenState>();
/** Set while the tree is rebuilt, so the `open` attributes it sets are not taken for the user's doing. */
let rendering = false;

const host = connectHost(receive);
const root = document.getElementById('app')!;
const filterBox = h('vscode-textfield', { placeholder: 'Filter skills', 'aria-label': 'Filter skills', class: 'filter' }, icon('filter')) as HTMLElement & { value: string };
filterBox.firstElementChild!.setAttribute('slot', 'content-before');
const summary = h('div', { class: 'summary', 'aria-live': 'polite' });
const jobLine = h('div', { class: 'job', hidden: true });
const body = h('div', { class: 'body' });
root.replaceChildren(h('div', { class: 'toolbar' }, filterBox), jobLine, summary, body);

let filterTimer: number | undefined;
filterBox.addEventListener('input', () => {
  window.clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => update({ ...state, filter: filterBox.value, shown: {} }), 60);
});

function receive(m: HostMessage): void {
  switch (m.type) {
    case 'tree':
      model = m.model;
      state = m.state;
      failure = undefined;
      children.clear(); // versions may have changed; open skills ask again
      if (filterBox.value !== state.filter) filterBox.value = state.filter;
      render();
      return;
    case 'children':
      children.set(m.key, { versions: m.versions, sessions: m.sessions });
      replaceSkill(m.key);
      return;
    case 'childrenFailed':
      children.set(m.key, { error: m.message });
      replaceSkill(m.key);
      return;
    case 'job':
      job = m.job;
      renderJob();
      return;
    case 'error':
      failure = m.message;
      render();
      return;
    case 'detail':
      return;
  }
}

/** Changes the view state, tells the host, and redraws. */
function update(next: BrowserState): void {
  state = next;
  host.post({ type: 'state', state });
  render();
}

function render(): void {
  if (failure) {
    summary.textContent = '';
    body.replaceChildren(h('div', { class: 'message error', role: 'alert' }, icon('error'), h('span', {}, failure)));
    return;
  }
  if (!model) {
    body.replaceChildren(h('p', { class: 'hint' }, 'Loading skills…'));
    return;
  }
  const total = countSkills(model);
  filterBox.hidden = total === 0;
  if (total === 0) {
    summary.textContent = '';
    body.replaceChildren(emptyLibrary(model.library));
    return;
  }
  const shown = filterModel(model, state.filter);
  const matching = countSkills(shown);
  summary.textContent = state.filter ? `${matching} of ${total} match “${state.filter}”` : '';
  const tree = h('vscode-tree', { 'indent-guides': 'onHover', 'aria-label': 'Skills' });
  rendering = true;
  const open = new Set(state.expanded);
  for (const g of shown.groups) {
    const expanded = open.has(groupKey(g.id)) || (state.filter !== '' && g.skills.length > 0);
    tree.append(groupItem(g, state.shown[g.id] ?? PAGE, expanded, (s) => renderSkill(s.key, open.has(s.key))));
  }
  const notices = model.notices.map((n) => h('div', { class: 'message warning' }, icon('warning'), h('span', {}, n)));
  body.replaceChildren(...notices, tree);
  if (state.filter && matching === 0) body.append(h('p', { class: 'hint no-match' }, `No skill matches “${state.filter}”.`));
  restoreSelection(tree);
  watch(tree);
  queueMicrotask(() => (rendering = false));
}

function renderSkill(key: string, open: boolean): HTMLElement {
  const skill = findNode(key);
  if (open && !children.has(key) && skill) requestChildren(key);
  return skillItem(skill!, open, children.get(key));
}

function findNode(key: string) {
  for (const g of model?.groups ?? []) for (const s of g.skills) if (s.key === key) return s;
  return undefined;
}

function requestChildren(key: string): void {
  const s = findNode(key);
  if (!s) return;
  children.set(key, 'loading');
  host.post({ type: 'children', key, skill: s.name, group: s.group });
}

/** Swaps one skill's item for a fresh one (its children arrived), keeping focus where it was. */
function replaceSkill(key: string): void {
  const old = body.querySelector(`vscode-tree-item[data-key="${CSS.escape(key)}"]`);
  const s = findNode(key);
  if (!old || !s) return;
  const hadFocus = old.contains(document.activeElement) || old === document.activeElement;
  const wasActive = (old as HTMLElement & { active?: boolean }).active;
  rendering = true;
  const fresh = skillItem(s, true, children.get(key));
  old.replaceWith(fresh);
  queueMicrotask(() => (rendering = false));
  if (wasActive) (fresh as HTMLElement & { active?: boolean }).active = true;
  if (state.selected === key) (fresh as HTMLElement & { selected?: boolean }).selected = true;
  if (hadFocus) requestAnimationFrame(() => fresh.focus());
}

function restoreSelection(tree: HTMLElement): void {
  if (!state.selected) return;
  const el = tree.querySelector(`vscode-tree-item[data-key="${CSS.escape(state.selected)}"]`) as (HTMLElement & { selected?: boolean }) | null;
  if (el) el.selected = true;
}

/** Follows what the user opens and selects in the tree. */
function watch(tree: HTMLElement): void {
  new MutationObserver((records) => {
    if (rendering) return;
    const expanded = new Set(state.expanded);
    let changed = false;
    for (const r of records) {
      const el = r.target as HTMLElement & { open?: boolean; branch?: boolean };
      const key = el.dataset.key;
      if (!key || !el.branch) continue;
      if (el.open && !expanded.has(key)) {
        expanded.add(key);
        changed = true;
        if (key.includes('/') && !key.startsWith('group/') && !children.has(key)) requestChildren(key);
      } else if (!el.open && expanded.delete(key)) changed = true;
    }
    if (changed) {
      state = { ...state, expanded: [...expanded] };
      host.post({ type: 'state', state });
    }
  }).observe(tree, { subtree: true, attributes: true, attributeFilter: ['open'] });

  tree.addEventListener('vsc-tree-select', (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    // 2.5.1 dispatches the array itself although its types say { selectedItems }
    const items = (Array.isArray(detail) ? detail : ((detail as { selectedItems?: unknown[] })?.selectedItems ?? [])) as HTMLElement[];
    const picked = items[0];
    if (!picked?.dataset.key) return;
    state = { ...state, selected: picked.dataset.key };
    host.post({ type: 'state', state });
    act(picked);
  });

  tree.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('vscode-toolbar-button');
    if (!button) return;
    event.stopPropagation();
    act(button);
  }, true);
}

function act(el: Element): void {
  const intent = intentOf(el);
  if (intent.kind === 'action') host.post({ type: 'action', action: intent.action, target: intent.target });
  else if (intent.kind === 'more') update({ ...state, shown: { ...state.shown, [intent.group]: (state.shown[intent.group] ?? PAGE) + PAGE * 2 } });
}

function renderJob(): void {
  jobLine.hidden = !job;
  jobLine.replaceChildren(...(job ? [h('vscode-progress-bar', { indeterminate: true, 'aria-label': job.text }), h('span', { class: 'hint' }, `Skillsmith is ${job.text}…`)] : []));
}

function emptyLibrary(library: string): HTMLElement {
  const step = (n: number, title: string, text: string, command: ViewCommand, label: string, secondary = false) =>
    h(
      'li',
      { class: 'step' },
      h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(n)),
      h('div', { class: 'step-body' }, h('strong', {}, title), h('p', {}, text), commandButton(command, label, secondary)),
    );
  return h(
    'section',
    { class: 'empty', 'aria-label': 'Getting started' },
    h('h2', {}, 'No skills yet'),
    h('p', {}, 'Skillsmith turns the sessions you have with coding agents into skills those agents can reuse. Three steps:'),
    h(
      'ol',
      { class: 'steps' },
      step(1, 'Choose a model', 'Offline works without one; a model writes better skills.', 'configureLlm', 'Configure Language Model', true),
      step(2, 'Read your sessions', 'Copilot, Cursor, Claude Code, Codex and others are found on their own. Add a folder of exported sessions if you have one.', 'ingestNow', 'Ingest Now', true),
      step(3, 'Distill', 'Recurring work becomes draft skills for you to review here.', 'distillNow', 'Distill Now'),
    ),
    h('p', { class: 'hint' }, 'More: ', link('showSources', 'where sessions are found'), ' · ', link('addTranscriptFolder', 'add a transcript folder'), ' · ', link('showLog', 'log')),
    h('p', { class: 'hint library-path' }, `Library: ${library}`),
  );
}

function commandButton(command: ViewCommand, label: string, secondary: boolean): HTMLElement {
  const b = h('vscode-button', { secondary, 'data-command': command }, label);
  b.addEventListener('click', () => host.post({ type: 'command', command }));
  return b;
}

function link(command: ViewCommand, label: string): HTMLElement {
  const a = h('a', { href: '#', 'data-command': command }, label);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    host.post({ type: 'command', command });
  });
  return a;
}

render();
host.post({ type: 'ready' });
