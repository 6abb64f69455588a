/** How bad a finding is. A high-severity finding quarantines the skill. */
export type Severity = 'high' | 'medium' | 'low';

export const SEVERITY_ORDER: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/** One rule that matched, where. The excerpt shows invisible characters as escapes and never runs long. */
export interface ScanFinding {
  /** The file, relative to the scanned folder (or as given for a single file or text). */
  path: string;
  /** 1-based line of the match's start. */
  line: number;
  rule: string;
  severity: Severity;
  excerpt: string;
}

/** What a rule is for, as the CLI and the docs list it. */
export interface RuleInfo {
  id: string;
  /** The worst severity the rule reports. */
  severity: Severity;
  summary: string;
}

/** What kind of file a text came from; code files get the rules that make sense in code. */
export type TextKind = 'prose' | 'code';

export function worstSeverity(findings: readonly ScanFinding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[worst]) worst = f.severity;
  return worst;
}

export function hasHighSeverity(findings: readonly ScanFinding[]): boolean {
  return findings.some((f) => f.severity === 'high');
}
