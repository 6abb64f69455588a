import type { ScanDocument } from '../document';
import { commandSeverity } from './discussion';
import type { RuleHit, ScanRule } from './rule';
import { statements } from './statements';

/**
 * Ways to make something run again later, outside the task: shell start-up files, git hooks, cron and
 * scheduled tasks, launchd agents, systemd user units, autostart entries. High, unless the skill warns.
 */

const HOME = String.raw`(?:~|\$HOME|\$\{HOME\}|\$env:(?:USERPROFILE|HOME)|%USERPROFILE%)`;
const RC = String.raw`${HOME}[\\/]\.(?:bashrc|bash_profile|bash_login|bash_logout|zshrc|zshenv|zprofile|zlogin|profile|kshrc|cshrc|tcshrc|inputrc|config\/fish\/config\.fish)\b|\$PROFILE\b|\/etc\/(?:profile(?:\.d\/)?|bash\.bashrc|zsh\/zshrc|environment)\b`;
const PLACE = String.raw`(?:${RC}|(?:^|[\s"'=])(?:\.\/)?\.git\/hooks\/|${HOME}[\\/]Library\/Launch(?:Agents|Daemons)\/|\/Library\/Launch(?:Agents|Daemons)\/|${HOME}[\\/]\.config\/(?:systemd\/user|autostart)\/|\/etc\/systemd\/system\/|\/etc\/cron\.(?:d|daily|hourly|weekly|monthly)\/|\/var\/spool\/cron\/|\\CurrentVersion\\Run(?:Once)?\b|\\Start Menu\\Programs\\Startup\\)`;
// a write into one of those places: redirection, tee, copy, link, in-place edit, PowerShell content cmdlets
const WRITE_INTO = new RegExp(String.raw`(?:>>?|\btee\b(?:\s+-\S+)*|\b(?:cp|mv|install|rsync)\b[^\n;|&]*?|\bln\s+(?:-\S+\s+)*\S+|\bsed\s+-i\S*[^\n;|&]*?|\b(?:Add-Content|Set-Content|Out-File|New-Item|Copy-Item)\b[^\n;|]*?)\s*["']?\s*(?:${PLACE})`, 'i');
const BY_ITSELF: RegExp[] = [
  /\bcore\.hooksPath\b|\binit\.templateDir\b/i,
  /\bcrontab\s+(?:-u\s+\S+\s+)?(?:-(?=$|[\s;&|)])|[^\s-][^\s;&|]*)/i,
  /\bschtasks(?:\.exe)?\s+\/create\b|\bRegister-ScheduledTask\b|\bNew-ScheduledTask\b/i,
  /\blaunchctl\s+(?:load|bootstrap|submit|enable)\b/i,
  /\bsystemctl\s+--user\s+(?:enable|link|edit|add-wants)\b|\bloginctl\s+enable-linger\b/i,
  /\breg(?:\.exe)?\s+add\s+\S*\\CurrentVersion\\Run/i,
  /\bchmod\s+\+x\s+\S*\.git\/hooks\//i,
];
// prose: "append this line to ~/.zshrc", "add it to your .bashrc"
const PROSE = new RegExp(String.raw`\b(?:append|add|put|insert|write|paste|place|save)\b[^.\n]{0,80}?\b(?:to|into|in|at\s+the\s+(?:end|top)\s+of)\s+(?:your\s+|the\s+)?[\`'"]?(?:${RC}|\.(?:bashrc|zshrc|bash_profile|zprofile|profile)\b)`, 'i');

function hits(doc: ScanDocument): RuleHit[] {
  const found: RuleHit[] = [];
  for (const s of statements(doc)) {
    const m = WRITE_INTO.exec(s.text) ?? BY_ITSELF.map((re) => re.exec(s.text)).find((x) => x) ?? PROSE.exec(s.text);
    if (!m) continue;
    const column = m.index < (doc.lines[s.line - 1]?.length ?? 0) ? m.index : undefined;
    found.push({ line: s.line, column, severity: commandSeverity(doc, s.line, column) });
  }
  return found;
}

export const persistence: ScanRule = {
  id: 'persistence',
  severity: 'high',
  summary: 'makes something run again later: writes to shell start-up files, git hooks or core.hooksPath, cron, launchd agents, systemd user units',
  kinds: ['prose', 'code'],
  check: hits,
};
