import type { DistillProgress, DistillResult } from '../../core/distill/distill';

const PHASES: Record<string, string> = { split: 'splitting sessions', route: 'matching to skills', write: 'writing skills' };

/** `reading sessions 3/12`, `writing skills 1/2 (git-bisect)`: for the notification and the status bar. */
export function progressText(p: DistillProgress): string {
  if (p.stage === 'ingest') return `reading sessions ${p.progress.done}/${p.progress.total}`;
  const detail = p.progress.detail && p.progress.phase === 'write' ? ` (${p.progress.detail})` : '';
  return `${PHASES[p.progress.phase] ?? p.progress.phase} ${p.progress.done}/${p.progress.total}${detail}`;
}

/** One sentence on what a run did. */
export function resultSummary(kind: 'distill' | 'ingest', r: DistillResult): string {
  const i = r.ingest;
  const read = `${i.new} new, ${i.updated} updated, ${i.unchanged} unchanged session${i.unchanged === 1 ? '' : 's'}${i.failed ? `, ${i.failed} unreadable` : ''}${i.missing ? `, ${i.missing} whose file is gone` : ''}`;
  if (kind === 'ingest') return `ingested ${read}.`;
  const p = r.pipeline;
  const wrote = p.created.length + p.updated.length === 0
    ? 'nothing new to review'
    : [p.created.length ? `${p.created.length} new draft${p.created.length === 1 ? '' : 's'}` : '', p.updated.length ? `${p.updated.length} candidate version${p.updated.length === 1 ? '' : 's'}` : '']
        .filter(Boolean)
        .join(' and ') + ' to review';
  const tokens = r.tokens.calls > 0 ? `; ${r.tokens.inputTokens + r.tokens.outputTokens} tokens` : '';
  const declined = p.declined + p.skippedAsDeclined > 0 ? ` ${p.declined + p.skippedAsDeclined} group${p.declined + p.skippedAsDeclined === 1 ? '' : 's'} judged not a skill.` : '';
  const canaries = (r.evolution?.started ?? []).map((c) => ` Canary started for ${c.skill}.`).join('');
  return `distilled ${read}: ${wrote} (${p.engine} engine${tokens}).${declined}${canaries}`;
}
