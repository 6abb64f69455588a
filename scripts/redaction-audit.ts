/**
 * What the redaction takes out of real sessions, to judge its false positives by eye: reads every session
 * under the given folders as ingest does, runs the detectors on every string a stored session holds, and
 * writes each finding with the text around it (to a file you keep local: it shows the values) and a count
 * per kind and detector. Run: node --import tsx scripts/redaction-audit.ts OUT.tsv FOLDER...
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findDecoded } from '../src/core/redact/decoded';
import { DETECTORS } from '../src/core/redact/detectors';
import { fingerprintOf } from '../src/core/ingest/fingerprint';
import { readUnit } from '../src/core/ingest/read-unit';
import { namedUnits } from '../src/core/transcripts/discovery';
import type { Trajectory } from '../src/core/transcripts/model';
import { READERS } from '../src/core/transcripts/registry';
import type { Detector, Finding } from '../src/core/redact/types';

function strings(t: Trajectory): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (where: string, v: unknown): void => {
    if (typeof v === 'string') out.push([where, v]);
    else if (Array.isArray(v)) for (const x of v) walk(where, x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(where, x);
  };
  if (t.title) out.push(['title', t.title]);
  if (t.workspace) out.push(['workspace', t.workspace]);
  for (const turn of t.turns) {
    out.push([`${turn.role}-text`, turn.text]);
    for (const c of turn.toolCalls) {
      walk('tool-input', c.input);
      if (c.output !== undefined) out.push(['tool-output', c.output]);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const [outFile, ...folders] = process.argv.slice(2);
  const rows: string[] = ['detector\ttype\twhere\tfile\tcontext'];
  const counts = new Map<string, number>();
  let chars = 0;
  let sessions = 0;
  for (const folder of folders) {
    for (const unit of await namedUnits(resolve(folder), READERS)) {
      const read = await readUnit(unit, undefined, await fingerprintOf(unit), { readers: READERS, loadState: () => undefined });
      if (read.kind !== 'read') continue;
      for (const t of read.trajectories) {
        sessions++;
        for (const [where, s] of strings(t)) {
          chars += s.length;
          const decoded: Detector = function decoded(text, out) {
            findDecoded(text, DETECTORS, out);
          };
          for (const detect of [...DETECTORS, decoded]) {
            const found: Finding[] = [];
            detect(s, found);
            for (const f of found) {
              const key = `${detect.name}\t${f.type}`;
              counts.set(key, (counts.get(key) ?? 0) + 1);
              const context = s.slice(Math.max(0, f.start - 60), f.start) + '⟦' + s.slice(f.start, f.end) + '⟧' + s.slice(f.end, f.end + 40);
              rows.push(`${detect.name}\t${f.type}\t${where}\t${unit.path}\t${context.replace(/\s+/g, ' ')}`);
            }
          }
        }
      }
    }
  }
  writeFileSync(outFile!, rows.join('\n') + '\n');
  console.log(`${sessions} sessions, ${(chars / 1e6).toFixed(1)} M characters of stored text`);
  for (const [k, n] of [...counts].sort()) console.log(`${n}\t${k}`);
}

void main();
