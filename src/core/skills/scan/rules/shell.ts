import type { ScanDocument } from '../document';
import { commandSeverity } from './discussion';
import type { RuleHit, ScanRule } from './rule';
import { statements } from './statements';

/**
 * Running whatever a URL returns, in every common spelling: the download piped into a shell or interpreter,
 * fed to one through process or command substitution, `eval`led or `source`d, PowerShell's iex of a web
 * request, or an encoded payload decoded straight into a shell. High, unless the skill warns against it.
 */

const FETCH = String.raw`(?:curl|wget|fetch\s+-\S*o\S*\s*-|http(?:ie)?\s+(?:GET\s+)?\S*https?:)`;
const SHELL = String.raw`(?:(?:ba|z|da|k|fi|c|tc)?sh|python[\d.]*|py|node|deno|bun|perl|ruby|php|pwsh|powershell|osascript|source|iex|Invoke-Expression)`;
const RUNS_AS = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\S+=\S*\s+)*)?`;
const PS_FETCH = String.raw`(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|curl|wget|\(?\s*New-Object\s+(?:System\.)?Net\.WebClient\s*\)?|\[?System\.Net\.WebClient\]?)`;

const PATTERNS: RegExp[] = [
  // curl … | sh, wget -O- … | sudo bash -s --, curl … | tee x | sh, curl … | python3 -
  new RegExp(String.raw`\b${FETCH}[^\n;&|]*\|\s*(?:tee\b[^|\n]*\|\s*)?${RUNS_AS}${SHELL}\b`, 'gi'),
  // bash <(curl …), source <(curl …), . <(wget …)
  new RegExp(String.raw`(?:\b${SHELL}|(?:^|[\s;&|({])\.)\s+(?:-\S+\s+)*<\(\s*${FETCH}`, 'gi'),
  // sh -c "$(curl …)", eval "$(curl …)", eval \`curl …\`, source /dev/stdin <<< "$(curl …)"
  new RegExp(String.raw`(?:\b${SHELL}\s+(?:-\S+\s+)*-c|\beval|<<<)\s*["']?\s*(?:\$\(|\`)\s*${FETCH}`, 'gi'),
  // iex (iwr …), Invoke-Expression (New-Object Net.WebClient).DownloadString(…), iex (irm …)
  new RegExp(String.raw`\b(?:iex|Invoke-Expression)\b[\s(&$]*${PS_FETCH}`, 'gi'),
  // irm … | iex, (New-Object Net.WebClient).DownloadString(…) | iex
  new RegExp(String.raw`(?:\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b|\.DownloadString\s*\()[^\n|]*\|\s*(?:iex|Invoke-Expression)\b`, 'gi'),
  // an encoded payload decoded into a shell, of any length
  new RegExp(String.raw`\b(?:base64\s+(?:-d|--decode|-D)|openssl\s+(?:base64|enc\s+-base64)\s+-d|xxd\s+-r(?:\s+-p)?)\b[^\n|;]*\|\s*${RUNS_AS}${SHELL}\b`, 'gi'),
  new RegExp(String.raw`(?:\b${SHELL}\s+(?:-\S+\s+)*-c|\beval)\s*["']?\s*\$\([^)\n]*\bbase64\s+(?:-d|--decode|-D)\b`, 'gi'),
  /\b(?:iex|Invoke-Expression)\b[^\n]*FromBase64String/gi,
  /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]*\s-(?:e|ec|enc|encodedcommand)\s+[A-Za-z0-9+/=]{16,}/gi,
  // curl -o x.sh URL && sh x.sh: downloaded, then run
  new RegExp(String.raw`\b(?:curl|wget)\b[^\n]*?\s(?:-o|-O|--output|--output-document)\s*=?\s*([^\s;&|]+)[^\n]*?(?:&&|;)\s*${RUNS_AS}(?:(?:ba|z|da|k)?sh|source|\.|python[\d.]*|chmod\s+\+x\s+\S+\s*(?:&&|;)\s*\.?\/?)\s*\1`, 'gi'),
];

function hits(doc: ScanDocument): RuleHit[] {
  const found: RuleHit[] = [];
  for (const s of statements(doc)) {
    for (const pattern of PATTERNS) {
      pattern.lastIndex = 0;
      const m = pattern.exec(s.text);
      if (!m) continue;
      const column = m.index < (doc.lines[s.line - 1]?.length ?? 0) ? m.index : undefined;
      found.push({ line: s.line, column, severity: commandSeverity(doc, s.line, column) });
      break;
    }
  }
  return found;
}

export const pipeToShell: ScanRule = {
  id: 'pipe-to-shell',
  severity: 'high',
  summary: 'runs what a URL returns (curl | sh, bash <(curl …), eval "$(curl …)", iex (iwr …), a decoded payload into sh); medium where the skill warns against it',
  kinds: ['prose', 'code'],
  check: hits,
};
