import { PipelineState } from '../../core/distill/pipeline/state';
import { listSessions, type StoredSession } from '../../core/ingest/sessions';
import type { SqlRunner } from '../../core/store/statements';
import type { StateStore } from '../../core/store/database';
import type { SessionNode } from '../../../webview/protocol';

/**
 * The sessions behind a skill (one version, or all of them), with the atoms that counted, oldest session first.
 * Reads the pipeline's provenance tables from an already opened (read-only) store.
 */
export function provenanceSessions(store: StateStore, skill: string, version?: string): SessionNode[] {
  const state = new PipelineState(store);
  const rows = state.provenance(skill, version);
  if (rows.length === 0) return [];
  const atoms = new Map(state.atomsById([...new Set(rows.map((r) => r.atomId))]).map((a) => [a.id, a]));
  const bySession = new Map<string, SessionNode['atoms']>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(`${r.sessionKey}\u0000${r.atomId}`)) continue; // the same atom behind several versions
    seen.add(`${r.sessionKey}\u0000${r.atomId}`);
    const a = atoms.get(r.atomId);
    const list = bySession.get(r.sessionKey) ?? [];
    list.push(a ? { turnStart: a.turnStart, turnEnd: a.turnEnd, intent: a.intent, outcome: a.outcome } : { turnStart: 0, turnEnd: 0, intent: '(atom no longer stored)', outcome: 'unknown' });
    bySession.set(r.sessionKey, list);
  }
  const sessions = sessionsByKey(store, [...bySession.keys()]);
  return [...bySession]
    .map(([key, list]) => ({ key, label: sessionLabel(key, sessions.get(key)), atoms: list.sort((x, y) => x.turnStart - y.turnStart) }))
    .sort((a, b) => (sessions.get(a.key)?.startedAt ?? a.key).localeCompare(sessions.get(b.key)?.startedAt ?? b.key));
}

function sessionsByKey(db: SqlRunner, keys: readonly string[]): Map<string, StoredSession> {
  const wanted = new Set(keys);
  return new Map(listSessions(db).filter((s) => wanted.has(s.key)).map((s) => [s.key, s]));
}

/** `Claude Code · Fix the flaky test · 2026-05-02`, falling back to the session id when there is no title. */
export function sessionLabel(key: string, s: StoredSession | undefined): string {
  if (!s) return key;
  const agent = AGENT_NAMES[s.source] ?? s.source;
  const title = s.title?.trim() || `session ${s.sessionId.slice(0, 8)}`;
  const day = s.startedAt?.slice(0, 10);
  return [agent, title.length > 60 ? `${title.slice(0, 59)}…` : title, day].filter(Boolean).join(' · ');
}

export const AGENT_NAMES: Record<string, string> = {
  copilot: 'Copilot',
  cursor: 'Cursor',
  'claude-code': 'Claude Code',
  codex: 'Codex',
  opencode: 'OpenCode',
  openclaw: 'OpenClaw',
  specstory: 'SpecStory',
};
