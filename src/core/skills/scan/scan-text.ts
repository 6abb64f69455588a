import { prepareDocument } from './document';
import { RULES } from './rules';
import { SEVERITY_ORDER, type RuleInfo, type ScanFinding, type TextKind } from './types';
import { visibleExcerpt } from './unicode';

/**
 * Scans one text for injection. One finding per rule and line (the worst severity of that rule's matches
 * there), sorted by line and then by rule order.
 */
export function scanText(text: string, path: string, kind: TextKind = 'prose'): ScanFinding[] {
  const doc = prepareDocument(text);
  const worst = new Map<string, ScanFinding>();
  RULES.forEach((rule) => {
    if (!rule.kinds.includes(kind)) return;
    for (const hit of rule.check(doc)) {
      const key = `${hit.line}\0${rule.id}`;
      const seen = worst.get(key);
      if (seen && SEVERITY_ORDER[seen.severity] >= SEVERITY_ORDER[hit.severity]) continue;
      worst.set(key, { path, line: hit.line, rule: rule.id, severity: hit.severity, excerpt: visibleExcerpt(doc.lines[hit.line - 1] ?? '', 120, hit.column) });
    }
  });
  const order = new Map(RULES.map((r, i) => [r.id, i]));
  return [...worst.values()].sort((a, b) => a.line - b.line || order.get(a.rule)! - order.get(b.rule)!);
}

/** The rules as documentation: id, worst severity, what each looks for. */
export function ruleCatalog(): RuleInfo[] {
  return RULES.map(({ id, severity, summary }) => ({ id, severity, summary }));
}

const PROSE_EXTENSIONS = new Set(['', '.md', '.markdown', '.mdx', '.txt', '.rst', '.adoc', '.text']);

/** Markdown and plain text get every rule; scripts, templates and data get the rules that make sense in code. */
export function textKindOf(path: string): TextKind {
  const base = path.split('/').pop() ?? path;
  const dot = base.lastIndexOf('.');
  const ext = dot <= 0 ? '' : base.slice(dot).toLowerCase();
  return PROSE_EXTENSIONS.has(ext) ? 'prose' : 'code';
}
