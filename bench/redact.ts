/**
 * Redaction throughput on a few MB of mixed text (transcripts, code, docs, logs), as MB/s and as a ratio to
 * one plain regex pass over the same text in the same run. Run: node --import tsx bench/redact.ts
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { redactText, redactTexts } from '../src/core/redact';

const ROOT = resolve(__dirname, '..');

function collect(dir: string, ext: RegExp, budget: number, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (out.reduce((n, s) => n + s.length, 0) >= budget) break;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, ext, budget, out);
    else if (ext.test(name) && statSync(p).size < 500_000) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

function logs(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(`2025-01-01T12:00:${String(i % 60).padStart(2, '0')}Z INFO id=${(i * 7919).toString(16)} GET /api/v1/items?page=${i}&sort=asc status=200 took=${i % 300}ms`);
  }
  return out.join('\n');
}

function corpus(): string {
  return [
    ...collect(resolve(ROOT, '../shared/transcripts'), /\.(jsonl|json|md)$/, 1.5e6),
    ...collect(join(ROOT, 'src'), /\.ts$/, 0.5e6),
    ...collect(join(ROOT, 'node_modules/typescript/lib'), /^lib\..*\.d\.ts$/, 1e6),
    ...collect(join(ROOT, 'node_modules'), /^README\.md$/i, 0.5e6),
    logs(8000),
  ].join('\n');
}

/** CPU seconds per run of `fn`, best of a few after a warm-up (the machine may be shared). */
function measure(fn: () => void, runs = 5): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

const text = corpus();
const lines = text.split('\n');
const mb = text.length / 1e6;
const baseline = measure(() => void text.match(/password/gi));
const rows: Array<[string, number]> = [
  ['redactText, whole text', measure(() => void redactText(text))],
  [`redactTexts, ${lines.length} lines in one call`, measure(() => void redactTexts(lines))],
  [`redactText, ${lines.length} lines one by one`, measure(() => void lines.forEach((l) => redactText(l)), 2)],
];
console.log(`redaction over ${mb.toFixed(2)} MB; baseline (one regex pass) ${(mb / baseline).toFixed(0)} MB/s`);
for (const [name, seconds] of rows) {
  console.log(`  ${name.padEnd(44)} ${(mb / seconds).toFixed(1).padStart(7)} MB/s  ${(seconds / baseline).toFixed(1).padStart(6)}x baseline`);
}
