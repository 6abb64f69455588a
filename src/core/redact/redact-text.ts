import { findSecrets } from './find-secrets';
import { placeholder } from './placeholder';
import type { Finding } from './types';

/**
 * `text` with every secret replaced by a typed placeholder such as `[REDACTED:jwt]`; the text around a
 * secret (a variable's name, a URL's host) stays. Redacting a redacted text changes nothing.
 */
export function redactText(text: string): string {
  return applyFindings(text, findSecrets(text));
}

/** Replaces each (merged, ordered, non-overlapping) finding with its placeholder. */
export function applyFindings(text: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + placeholder(f.type);
    at = f.end;
  }
  return out + text.slice(at);
}
