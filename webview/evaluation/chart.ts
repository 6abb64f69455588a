import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { EVAL_METHODS, EVAL_METRICS, type EvaluationView } from '../protocol';

/** Slots on the x axis per metric: one bar per method and a gap before the next metric. */
const SLOTS = EVAL_METHODS.length + 1;

/**
 * Grouped bars on uPlot's aligned data: x runs over slots, each method has its value in its own slot of
 * each metric's group and nothing elsewhere, so its bars stand side by side with the other methods'.
 */
export function evaluationSeries(view: EvaluationView): (number | null)[][] {
  const x = Array.from({ length: EVAL_METRICS.length * SLOTS }, (_, i) => i);
  const series = EVAL_METHODS.map((method, m) => x.map((i) => (i % SLOTS === m ? view.methods[method][EVAL_METRICS[Math.floor(i / SLOTS)]].mean : null)));
  return [x, ...series];
}

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

const LABELS = { recall: 'recall', precision: 'precision', f1: 'F1', foresight: 'foresight', coverage: 'coverage' } as const;
const METHOD_LABELS = { skills: 'skills', rawReuse: 'raw reuse', staticPlaybook: 'static playbook' } as const;

/** Draws the skills against the two baselines, metric by metric, in the editor theme's chart colours. */
export function drawEvaluationChart(host: HTMLElement, view: EvaluationView): uPlot {
  const fg = themeColor('--vscode-descriptionForeground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const colors = [themeColor('--vscode-charts-blue', '#3794ff'), themeColor('--vscode-charts-orange', '#d18616'), themeColor('--vscode-charts-purple', '#b180d7')];
  const bars = uPlot.paths.bars!({ size: [0.9, 48] });
  const middle = (EVAL_METHODS.length - 1) / 2;
  return new uPlot(
    {
      width: Math.max(320, host.clientWidth || 640),
      height: 260,
      scales: { x: { time: false, range: [-0.6, EVAL_METRICS.length * SLOTS - 1.4] }, y: { range: [0, 1] } },
      axes: [
        {
          ...axis,
          // one label per metric, under the middle bar of its group
          splits: () => EVAL_METRICS.map((_, i) => i * SLOTS + middle),
          values: (_u, ticks) => ticks.map((t) => LABELS[EVAL_METRICS[Math.round((t - middle) / SLOTS)]] ?? ''),
        },
        { ...axis, values: (_u, ticks) => ticks.map((t) => t.toFixed(1)) },
      ],
      series: [
        { label: 'metric' },
        ...EVAL_METHODS.map((m, i) => ({ label: METHOD_LABELS[m], stroke: colors[i], fill: colors[i], width: 1, paths: bars, points: { show: false } })),
      ],
      legend: { show: true, live: false },
      cursor: { show: false },
    },
    evaluationSeries(view) as uPlot.AlignedData,
    host,
  );
}
