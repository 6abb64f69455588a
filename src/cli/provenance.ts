import { existsSync } from 'node:fs';
import type { Atom } from '../core/distill/atoms/types';
import { PipelineState } from '../core/distill/pipeline/state';
import { StateStore } from '../core/store/database';

export interface VersionProvenance {
  sessions: { key: string; atoms: Pick<Atom, 'id' | 'turnStart' | 'turnEnd' | 'intent' | 'outcome'>[] }[];
}

/** The sessions and atoms behind one version of a skill, read without taking the state file from a writer. */
export async function readProvenance(statePath: string, skill: string, version: string): Promise<VersionProvenance> {
  if (!existsSync(statePath)) return { sessions: [] };
  const store = await StateStore.open(statePath, { readOnly: true });
  try {
    const state = new PipelineState(store);
    const rows = state.provenance(skill, version);
    const atoms = new Map(state.atomsById(rows.map((r) => r.atomId)).map((a) => [a.id, a]));
    const bySession = new Map<string, VersionProvenance['sessions'][number]['atoms']>();
    for (const r of rows) {
      const a = atoms.get(r.atomId);
      const list = bySession.get(r.sessionKey) ?? [];
      list.push(a ? { id: a.id, turnStart: a.turnStart, turnEnd: a.turnEnd, intent: a.intent, outcome: a.outcome } : { id: r.atomId, turnStart: -1, turnEnd: -1, intent: '', outcome: 'unknown' });
      bySession.set(r.sessionKey, list);
    }
    return { sessions: [...bySession].map(([key, list]) => ({ key, atoms: list })) };
  } finally {
    await store.close();
  }
}

export function formatProvenance(skill: string, version: string, p: VersionProvenance): string {
  if (p.sessions.length === 0) return `provenance of ${skill} @ ${version.slice(0, 7)}: none recorded (written by hand or imported)`;
  const atoms = p.sessions.reduce((n, s) => n + s.atoms.length, 0);
  const lines = [`provenance of ${skill} @ ${version.slice(0, 7)}: ${atoms} atoms from ${p.sessions.length} sessions`];
  for (const s of p.sessions) {
    lines.push(`  ${s.key}`);
    for (const a of s.atoms) lines.push(`    turns ${a.turnStart}-${a.turnEnd - 1}  ${a.outcome.padEnd(7)}  "${a.intent}"`);
  }
  return lines.join('\n');
}
