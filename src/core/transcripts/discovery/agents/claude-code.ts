import { join } from 'node:path';
import { xdgConfigHome, type DiscoveryEnvironment } from '../environment';
import type { SourceLocation } from '../location';

/**
 * Claude Code: `<config>/projects/<encoded cwd>/<sessionId>.jsonl`. `$CLAUDE_CONFIG_DIR` (a comma-separated
 * list is accepted) replaces the defaults `~/.claude` and `$XDG_CONFIG_HOME/claude`. Sub-agent files
 * (`agent-*.jsonl`, `<session>/subagents/`) are not sessions of their own.
 */
export function claudeCodeLocations(e: DiscoveryEnvironment): SourceLocation[] {
  const configured = (e.env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const roots = configured.length > 0 ? configured : [join(e.home, '.claude'), join(xdgConfigHome(e), 'claude')];
  return roots.map((root) => ({
    agent: 'claude-code' as const,
    label: 'Claude Code',
    path: join(root, 'projects'),
    units: { kind: 'glob' as const, globs: ['*/*.jsonl'], skip: /^agent-/ },
    link: 'encoded-path' as const,
  }));
}
