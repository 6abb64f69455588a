// The evaluation panel: the hindsight scores of the distilled skills beside the two baselines, as a table
// and a chart. Everything shown comes from the host's last `evaluation` message.
import { EVAL_METHODS, EVAL_METRICS, type EvaluationView, type HostMessage } from '../protocol';
import { connectHost } from '../shared/host';
import { h, icon } from '../shared/dom';
import { drawEvaluationChart } from './chart';

const METHOD_LABELS = { skills: 'Skills', rawReuse: 'Raw-trajectory reuse', staticPlaybook: 'Static playbook' } as const;
const METRIC_LABELS = { recall: 'Command recall', precision: 'Precision', f1: 'F1', foresight: 'Failure foresight', coverage: 'Coverage' } as const;
const METRIC_HELP = {
  recall: 'share of a request’s successful commands the offer names; a request nothing was offered for scores 0',
  precision: 'share of the named commands the request ran; over the requests something was named for',
  f1: 'harmonic mean of the two, per request, over the requests that ran a command',
  foresight: 'share of a request’s failed commands the offer warns about',
  coverage: 'share of the later requests anything was offered for',
} as const;

const host = connectHost(receive);
const root = document.getElementById('app')!;
host.post({ type: 'ready' });

function receive(m: HostMessage): void {
  if (m.type === 'evaluation') render(m.evaluation);
  else if (m.type === 'error') root.replaceChildren(h('div', { class: 'message error', role: 'alert' }, icon('error'), h('span', {}, m.message)));
}

function render(v: EvaluationView): void {
  const s = v.split;
  const best = Math.max(v.methods.rawReuse.f1.mean, v.methods.staticPlaybook.f1.mean);
  const ratio = best > 0 ? `${(v.methods.skills.f1.mean / best).toFixed(2)}× the better baseline’s F1` : 'no baseline scored';
  root.replaceChildren(
    h(
      'header',
      { class: 'eval-header' },
      h('h1', {}, 'Skills in hindsight'),
      h(
        'p',
        { class: 'description' },
        `Distilled the earlier ${s.earlier} of ${s.sessions} sessions (${v.engine} engine), then matched each of the ${v.laterRequests.total} requests of the later ${s.later} ` +
          `against the ${v.skills.length} skills (up to ${v.k} each; ${v.matchedSkills} ever matched). Skills F1: ${ratio}.`,
      ),
    ),
    h('div', { class: 'eval-chart', role: 'img', 'aria-label': 'Bar chart of each metric for the skills and the two baselines' }),
    table(v),
    h(
      'p',
      { class: 'hint' },
      `${v.laterRequests.withCommands} later requests ran a command, ${v.laterRequests.withFailures} saw one fail. The static playbook lists ${v.budget} commands. ` +
        (v.tokens.calls > 0 ? `The model spent ${v.tokens.input} input and ${v.tokens.output} output tokens in ${v.tokens.calls} calls.` : 'No tokens spent.') +
        (v.problems > 0 ? ` ${v.problems} problems are in the log.` : ''),
    ),
  );
  const chart = root.querySelector<HTMLElement>('.eval-chart');
  if (chart) drawEvaluationChart(chart, v);
}

function table(v: EvaluationView): HTMLElement {
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Metric'), ...EVAL_METHODS.map((m) => h('th', { scope: 'col' }, METHOD_LABELS[m])));
  const rows = EVAL_METRICS.map((metric) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row', title: METRIC_HELP[metric] }, METRIC_LABELS[metric]),
      ...EVAL_METHODS.map((m) => {
        const x = v.methods[m][metric];
        return h('td', { title: `over ${x.n} requests` }, x.n === 0 ? '–' : x.mean.toFixed(2), h('span', { class: 'n' }, ` (${x.n})`));
      }),
    ),
  );
  return h('table', { class: 'eval-table' }, h('thead', {}, head), h('tbody', {}, ...rows));
}
