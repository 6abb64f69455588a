import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CanaryLook } from '../protocol';

/** Success rate per arm at each look: x is the sessions seen so far (both arms), y the rate in percent. */
export function canarySeries(looks: readonly CanaryLook[]): [number[], Array<number | null>, Array<number | null>] {
  const rate = (a: { successes: number; trials: number }) => (a.trials > 0 ? (100 * a.successes) / a.trials : null);
  return [looks.map((l) => l.current.trials + l.candidate.trials), looks.map((l) => rate(l.current)), looks.map((l) => rate(l.candidate))];
}

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Draws the canary chart into `host`, in the editor theme's chart colours. */
export function drawCanaryChart(host: HTMLElement, looks: readonly CanaryLook[], labels: { current: string; candidate: string }): uPlot {
  const fg = themeColor('--vscode-descriptionForeground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const width = Math.max(240, host.clientWidth || 480);
  return new uPlot(
    {
      width,
      height: 220,
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: [
        { ...axis, label: 'sessions', labelSize: 20 },
        { ...axis, label: 'success %', labelSize: 20, values: (_u, ticks) => ticks.map((t) => `${t}%`) },
      ],
      series: [
        { label: 'sessions' },
        { label: labels.current, stroke: themeColor('--vscode-charts-blue', '#3794ff'), width: 2, points: { show: true } },
        { label: labels.candidate, stroke: themeColor('--vscode-charts-orange', '#d18616'), width: 2, points: { show: true } },
      ],
      legend: { show: true, live: false },
    },
    canarySeries(looks),
    host,
  );
}
