// The skill detail panel: the rendered SKILL.md, its metadata, versions, provenance, trust, installs and
// canary results. Everything shown comes from the host's last `detail` message.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import DOMPurify from 'dompurify';
import type { Action, ActionTarget, CanaryView, GroupId, HostMessage, SkillDetail } from '../protocol';
import { connectHost } from '../shared/host';
import { h, icon, shortDate, shortId } from '../shared/dom';
import { drawCanaryChart } from './chart';
import { bodyOf, renderMarkdown } from './markdown';

const STATUS: Record<GroupId, string> = {
  active: 'Active',
  candidates: 'Candidate awaiting review',
  canary: 'Canary running',
  drafts: 'Draft',
  quarantined: 'Quarantined',
};

const host = connectHost(receive);
const root = document.getElementById('app')!;

function receive(m: HostMessage): void {
  if (m.type === 'detail') {
    host.remember({ skill: m.detail.name, candidate: m.detail.shown.kind === 'candidate' });
    render(m.detail);
  } else if (m.type === 'error') {
    root.replaceChildren(h('div', { class: 'message error', role: 'alert' }, icon('error'), h('span', {}, m.message)));
  }
}

function render(d: SkillDetail): void {
  const main = h('article', { class: 'skill-md markdown-body', 'aria-label': 'SKILL.md' });
  main.innerHTML = DOMPurify.sanitize(renderMarkdown(bodyOf(d.skillMd)), { USE_PROFILES: { html: true } });
  for (const a of main.querySelectorAll('a')) a.setAttribute('title', a.getAttribute('href') ?? '');
  root.replaceChildren(
    header(d),
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'main-column' }, ...(d.skillMdChars !== undefined ? [cutNotice(d)] : []), main),
      // a running canary is the news about a skill: it goes first
      d.canary?.status === 'running'
        ? h('aside', { class: 'side-column' }, canary(d), trust(d), provenance(d), installs(d), versions(d), metadata(d))
        : h('aside', { class: 'side-column' }, trust(d), provenance(d), installs(d), canary(d), versions(d), metadata(d)),
    ),
  );
  const chartHost = root.querySelector<HTMLElement>('.canary-chart');
  if (chartHost && d.canary) drawCanaryChart(chartHost, d.canary.looks, { current: `current ${shortId(d.canary.current)}`, candidate: `candidate ${shortId(d.canary.candidate)}` });
}

/** Said above a SKILL.md the host sent only the beginning of; the whole file opens in an editor. */
function cutNotice(d: SkillDetail): HTMLElement {
  const shown = d.skillMd.length.toLocaleString('en-US');
  const whole = (d.skillMdChars ?? 0).toLocaleString('en-US');
  return h(
    'div',
    { class: 'message skill-md-cut', role: 'note' },
    icon('info'),
    h('span', {}, `This SKILL.md is ${whole} characters long; the first ${shown} are shown here.`),
    action('Show the whole file', 'go-to-file', 'openVersion', { skill: d.name, version: d.shown.version }),
  );
}

function action(label: string, iconName: string, act: Action, target: ActionTarget, secondary = true): HTMLElement {
  const b = h('vscode-button', { secondary, icon: iconName, 'data-action': act, title: label }, label);
  b.addEventListener('click', () => host.post({ type: 'action', action: act, target }));
  return b;
}

function header(d: SkillDetail): HTMLElement {
  const target = { skill: d.name };
  const isCandidate = d.shown.kind === 'candidate';
  const buttons = isCandidate
    ? [
        action('Accept', 'check', 'acceptCandidate', target, false),
        action('Reject…', 'close', 'rejectCandidate', target),
        action('Edit before accepting', 'edit', 'editCandidate', target),
        action(d.candidate?.baseVersion ? 'Compare with current' : 'Show as a diff', 'diff', 'compareCandidate', target),
      ]
    : [
        ...(d.versions.filter((v) => !v.candidate).length > 1 ? [action('Compare with previous', 'compare-changes', 'compareWithPrevious', target)] : []),
        ...(d.candidate ? [action('Review candidate', 'git-pull-request', 'compareCandidate', target)] : []),
        action('Install…', 'desktop-download', 'installSkill', target),
      ];
  const description = d.metadata.find((m) => m.key === 'description')?.value ?? '';
  return h(
    'header',
    { class: 'detail-header' },
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, d.name),
      h('vscode-badge', { class: `badge badge-${d.group}` }, STATUS[d.group]),
      d.canary?.status === 'running' && h('vscode-badge', { class: 'badge badge-canary' }, 'canary running'),
      h('span', { class: 'mono hint', title: d.shown.version }, `${isCandidate ? 'candidate' : 'version'} ${shortId(d.shown.version)}`),
      d.uses !== undefined && h('span', { class: 'hint' }, `${d.uses} session${d.uses === 1 ? '' : 's'} used it`),
    ),
    description && h('p', { class: 'description' }, description),
    d.candidate && !isCandidate && h('p', { class: 'message info' }, icon('git-pull-request'), h('span', {}, `A new version awaits review: ${d.candidate.reason.split('\n', 1)[0]}`)),
    isCandidate && d.candidate && h('p', { class: 'message info' }, icon('info'), h('span', {}, `Proposed: ${d.candidate.reason.split('\n', 1)[0]}`)),
    h('div', { class: 'actions' }, ...buttons),
  );
}

function section(title: string, iconName: string, ...content: Array<Node | string | false | undefined>): HTMLElement {
  return h('section', { class: 'side-section', 'aria-label': title }, h('h2', {}, icon(iconName), ` ${title}`), ...content);
}

function unavailable(d: SkillDetail, which: SkillDetail['unavailable'][number]['section']): string | undefined {
  return d.unavailable.find((u) => u.section === which)?.reason;
}

function metadata(d: SkillDetail): HTMLElement {
  const rows = d.metadata.filter((m) => m.key !== 'description');
  return section(
    'Metadata',
    'tag',
    h('dl', { class: 'facts' }, ...rows.flatMap((m) => [h('dt', {}, m.key), h('dd', {}, m.value)])),
    d.files.length > 1 && h('p', { class: 'hint' }, `Files: ${d.files.join(', ')}`),
  );
}

function versions(d: SkillDetail): HTMLElement {
  if (d.versions.length === 0) return section('Versions', 'history', h('p', { class: 'hint' }, 'Not in the library yet: accepting the draft makes it the first version.'));
  const list = h('ol', { class: 'versions' });
  d.versions.forEach((v, i) => {
    const older = d.versions[i + 1];
    const link = h('a', { href: '#', class: 'mono', title: v.id }, shortId(v.id));
    link.addEventListener('click', (e) => {
      e.preventDefault();
      host.post(v.candidate ? { type: 'action', action: 'compareCandidate', target: { skill: d.name } } : { type: 'action', action: 'openVersion', target: { skill: d.name, version: v.id } });
    });
    const tag = v.candidate ? 'candidate' : v.current ? 'current' : '';
    const li = h('li', {}, link, tag && h('vscode-badge', { class: `badge badge-${tag}` }, tag), h('span', { class: 'hint' }, ` ${shortDate(v.date)}`), h('div', { class: 'subject' }, v.subject));
    if (!v.candidate && older && !older.candidate) {
      const cmp = h('a', { href: '#', class: 'inline-action' }, 'compare with previous');
      cmp.addEventListener('click', (e) => {
        e.preventDefault();
        host.post({ type: 'action', action: 'compareWithPrevious', target: { skill: d.name, version: v.id } });
      });
      li.append(cmp);
    }
    list.append(li);
  });
  return section('Versions', 'history', list);
}

function provenance(d: SkillDetail): HTMLElement {
  if (d.provenance.length === 0) return section('Provenance', 'references', h('p', { class: 'hint' }, unavailable(d, 'provenance') ?? 'No provenance recorded.'));
  const atoms = d.provenance.reduce((n, s) => n + s.atoms.length, 0);
  const list = h('ul', { class: 'provenance' });
  for (const s of d.provenance) {
    const items = h('ul', { class: 'atoms' });
    for (const a of s.atoms) {
      const link = h('a', { href: '#', title: `Open the session at turn ${a.turnStart}` }, `turns ${a.turnStart}–${Math.max(a.turnStart, a.turnEnd - 1)}`);
      link.addEventListener('click', (e) => {
        e.preventDefault();
        host.post({ type: 'action', action: 'openSession', target: { skill: d.name, session: s.key, turn: Math.max(0, a.turnStart) } });
      });
      items.append(h('li', {}, link, ` ${a.intent} `, h('span', { class: `outcome outcome-${a.outcome}` }, a.outcome)));
    }
    list.append(h('li', {}, h('span', { class: 'session-label' }, icon('comment-discussion'), ` ${s.label}`), items));
  }
  return section('Provenance', 'references', h('p', { class: 'hint' }, `${atoms} request${atoms === 1 ? '' : 's'} in ${d.provenance.length} session${d.provenance.length === 1 ? '' : 's'}. Links open the session, read-only.`), list);
}

function trust(d: SkillDetail): HTMLElement {
  if (!d.trust) return section('Trust', 'shield', h('p', { class: 'hint' }, unavailable(d, 'trust') ?? 'No scored sessions yet.'));
  const t = d.trust;
  return section(
    'Trust',
    'shield',
    h('p', {}, h('vscode-badge', { class: `badge badge-trust-${t.level}` }, t.level), ` ${t.successes} went well, ${t.failures} did not`),
    h('p', { class: 'hint' }, `Success rate ${(100 * t.mean).toFixed(0)}% (at least ${(100 * t.lower).toFixed(0)}% with 95% credibility).`),
  );
}

function installs(d: SkillDetail): HTMLElement {
  if (d.installs === null) return section('Installs', 'desktop-download', h('p', { class: 'hint' }, unavailable(d, 'installs') ?? 'Installs cannot be listed.'));
  if (d.installs.length === 0) return section('Installs', 'desktop-download', h('p', { class: 'hint' }, 'Not installed in any agent.'));
  return section(
    'Installs',
    'desktop-download',
    h('ul', { class: 'installs' }, ...d.installs.map((i) => h('li', { title: i.path }, `${i.agent} (${i.scope}, ${i.mode}) `, h('span', { class: 'mono hint' }, shortId(i.version))))),
  );
}

/** What the user can do about the canary now: the host says whether one can start; a running one can end. */
function canaryActions(d: SkillDetail): HTMLElement | false {
  const target = { skill: d.name };
  if (d.canary?.status === 'running') {
    return h('div', { class: 'actions canary-actions' }, action('Promote now', 'rocket', 'promoteCanary', target, false), action('Stop canary', 'debug-stop', 'stopCanary', target));
  }
  return d.canStartCanary === true && h('div', { class: 'actions canary-actions' }, action('Start canary', 'beaker', 'startCanary', target));
}

function canary(d: SkillDetail): HTMLElement {
  if (!d.canary) {
    return section(
      'Canary',
      'beaker',
      h('p', { class: 'hint empty-canary' }, 'No canary has run for this skill. When a new version of an installed skill is tried on a share of sessions, how each version fares is charted here.'),
      canaryActions(d),
    );
  }
  const c: CanaryView = d.canary;
  const last = c.looks[c.looks.length - 1];
  const facts = last ? `${last.candidate.trials} sessions on the candidate, ${last.current.trials} on the current version` : 'No session scored yet';
  return section(
    'Canary',
    'beaker',
    h('p', {}, h('vscode-badge', { class: `badge badge-canary` }, c.status), ` ${Math.round(c.share * 100)}% of sessions get the candidate. ${facts}.`),
    c.reason && h('p', { class: 'hint' }, c.reason),
    c.looks.length > 0 ? h('div', { class: 'canary-chart', role: 'img', 'aria-label': 'Success rate of each version by sessions seen' }) : h('p', { class: 'hint' }, 'The chart appears after the first scored session.'),
    canaryActions(d),
  );
}

host.post({ type: 'ready' });
