import { findDecoded } from './decoded';
import { DETECTORS } from './detectors';
import { mergeFindings } from './spans';
import type { Finding } from './types';

/** Where the secrets in `text` are: merged, non-overlapping spans in order, each typed as specifically as known. */
export function findSecrets(text: string): Finding[] {
  if (text.length === 0) return [];
  const raw: Finding[] = [];
  for (const detect of DETECTORS) detect(text, raw);
  findDecoded(text, DETECTORS, raw);
  return mergeFindings(raw);
}
