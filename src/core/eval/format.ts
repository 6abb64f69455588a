import { METHODS, type MethodName } from './hindsight';
import type { EvalReport } from './run';
import type { MethodScores, RequestScore } from './score';

export const METHOD_LABELS: Record<MethodName, string> = { skills: 'skills', rawReuse: 'raw reuse', staticPlaybook: 'static playbook' };
export const METRICS = ['recall', 'precision', 'f1', 'foresight', 'coverage'] as const;
export type MetricName = (typeof METRICS)[number];
export const METRIC_LABELS: Record<MetricName, string> = { recall: 'command recall', precision: 'precision', f1: 'F1', foresight: 'failure foresight', coverage: 'coverage' };

/** The report as JSON: numbers rounded to 4 places, nothing that differs between two runs on the same input. */
export function evalJson(r: EvalReport) {
  return {
    split: r.split,
    engine: r.engine,
    k: r.k,
    earlierRequests: r.earlierRequests,
    laterRequests: r.laterRequests,
    skills: r.skills,
    matchedSkills: r.matchedSkills,
    budget: r.budget,
    playbook: r.playbook,
    methods: Object.fromEntries(METHODS.map((m) => [m, roundScores(r.methods[m])])) as Record<MethodName, MethodScores>,
    tokens: { engine: r.tokens.engine, input: r.tokens.inputTokens, output: r.tokens.outputTokens, calls: r.tokens.calls },
    requests: r.requests.map((q) => ({ ...q, scores: Object.fromEntries(METHODS.map((m) => [m, roundRequest(q.scores[m])])) })),
  };
}

export type EvalJson = ReturnType<typeof evalJson>;

/** The human table: one column per method, one row per metric, with how many requests each mean is over. */
export function formatEvalTable(r: EvalReport): string {
  const s = r.split;
  const lines = [
    `hindsight evaluation (${r.engine} engine): ${s.sessions} sessions; the earlier ${s.earlier} distilled, the later ${s.later} judged` +
      `${s.boundary ? ` (from ${s.boundary})` : ''}${s.undated ? `; ${s.undated} without a start time left out` : ''}`,
    `later requests: ${r.laterRequests.total}, ${r.laterRequests.withCommands} ran commands, ${r.laterRequests.withFailures} saw one fail; ` +
      `skills: ${r.skills.length} (${r.matchedSkills.length} matched), k = ${r.k}, playbook of ${r.budget}`,
    '',
  ];
  const widths = [18, 14, 14, 16];
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('').trimEnd();
  lines.push(row(['', ...METHODS.map((m) => METHOD_LABELS[m])]));
  for (const metric of METRICS) {
    lines.push(row([METRIC_LABELS[metric], ...METHODS.map((m) => cell(r.methods[m][metric]))]));
  }
  lines.push('', 'n = requests each mean is over: recall and F1 those that ran a command successfully (no match scores 0),');
  lines.push('precision those the method named a command for, foresight those that saw a command fail, coverage all.');
  const best = Math.max(r.methods.rawReuse.f1.mean, r.methods.staticPlaybook.f1.mean);
  if (best > 0) lines.push(`skills F1 / better baseline F1: ${(r.methods.skills.f1.mean / best).toFixed(2)}×`);
  lines.push(tokenLine(r));
  return lines.join('\n');
}

/** A mean over no request is not a score: shown as a dash (JSON keeps mean 0 with n 0). */
function cell(m: { mean: number; n: number }): string {
  return `${m.n === 0 ? '–' : m.mean.toFixed(2)} (${m.n})`;
}

function tokenLine(r: EvalReport): string {
  const t = r.tokens;
  if (t.calls === 0) return `tokens spent: 0 (${t.engine} engine)`;
  const n = (x: number) => x.toLocaleString('en-US');
  return `tokens spent: ${n(t.inputTokens)} in, ${n(t.outputTokens)} out in ${t.calls} calls (${t.engine} engine)`;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function roundScores(s: MethodScores): MethodScores {
  return Object.fromEntries(METRICS.map((m) => [m, { mean: round(s[m].mean), n: s[m].n }])) as unknown as MethodScores;
}

function roundRequest(s: RequestScore): RequestScore {
  const out: RequestScore = { covered: s.covered };
  for (const m of ['recall', 'precision', 'f1', 'foresight'] as const) if (s[m] !== undefined) out[m] = round(s[m]!);
  return out;
}
