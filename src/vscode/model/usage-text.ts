import type { LedgerRow } from '../../core/llm/ledger';

/** The token ledger as a Markdown report: totals per day, then per day, stage and model. */
export function usageMarkdown(rows: readonly LedgerRow[], today: string, model: string): string {
  const lines = ['# Skillsmith token usage', '', `Model: ${model}`, ''];
  if (rows.length === 0) {
    lines.push('No model calls recorded yet. The offline engine spends no tokens; a configured model records every call here.');
    return lines.join('\n');
  }
  const days = new Map<string, { input: number; output: number; calls: number }>();
  for (const r of rows) {
    const d = days.get(r.day) ?? { input: 0, output: 0, calls: 0 };
    days.set(r.day, { input: d.input + r.inputTokens, output: d.output + r.outputTokens, calls: d.calls + r.calls });
  }
  lines.push('## Per day', '', '| Day | Input tokens | Output tokens | Calls |', '| --- | ---: | ---: | ---: |');
  for (const [day, d] of [...days].reverse()) lines.push(`| ${day === today ? `${day} (today)` : day} | ${d.input} | ${d.output} | ${d.calls} |`);
  lines.push('', '## Per stage and model', '', '| Day | Stage | Model | Input | Output | Calls |', '| --- | --- | --- | ---: | ---: | ---: |');
  for (const r of [...rows].reverse()) lines.push(`| ${r.day} | ${r.stage} | ${r.model} | ${r.inputTokens} | ${r.outputTokens} | ${r.calls} |`);
  return lines.join('\n');
}

/** `12.3k`, `4.5M`: short enough for the status bar. */
export function shortCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
