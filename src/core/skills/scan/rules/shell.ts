import type { ScanRule } from './rule';
import { phraseHits } from './rule';

/** Running whatever a URL returns: common in install guides, so worth a note, not a quarantine. */
const PIPE_TO_SHELL = [/\b(?:curl|wget)\b[^\n|]*\|\s*(?:sudo\s+)?(?:sh|bash|zsh|python3?|node|perl)\b/g, /\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^\n|]*\|\s*(?:iex|Invoke-Expression)\b/gi];

export const pipeToShell: ScanRule = {
  id: 'pipe-to-shell',
  severity: 'low',
  summary: 'pipes a download straight into a shell or interpreter',
  kinds: ['prose', 'code'],
  check: (doc) => phraseHits(doc, PIPE_TO_SHELL, 'low', 'plain'),
};
