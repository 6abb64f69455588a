import type { Atom } from '../atoms/types';

/**
 * The rule a written skill must keep: it names no command the sessions did not run. A model that writes
 * `npm run lint` into a skill because lint is what projects usually do would teach every agent a step
 * nobody took. Commands are read from the body's inline code and shell blocks and compared, token by token,
 * with the commands in the evidence.
 */

/** Programs common enough that an inline code span starting with one is a command, not a name. */
const PROGRAMS = new Set(
  (
    'npm npx pnpm yarn bun node deno tsc tsx jest vitest mocha eslint prettier git gh make cmake cargo rustc go python python3 ' +
    'pip pip3 pipx pytest uv poetry ruff mypy docker docker-compose kubectl helm terraform mvn gradle ./gradlew dotnet ' +
    'java javac ruby bundle rake rails php composer swift xcodebuild flutter dart brew apt apt-get yum dnf systemctl ' +
    'journalctl ls cat head tail sed awk grep rg find rm mv cp mkdir touch chmod chown ln curl wget ssh scp rsync tar ' +
    'zip unzip echo printf export cd sudo env source bash sh zsh pwsh psql mysql sqlite3 redis-cli jq yq kill pkill ps ' +
    'aws gcloud az heroku vercel netlify firebase wrangler alembic prisma diesel sqlx'
  ).split(/\s+/),
);

const SHELL_FENCES = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'terminal', 'powershell', 'pwsh', 'ps1', 'cmd', 'bat']);
const SEGMENT_SPLIT = /\s*(?:&&|\|\||;|\|)\s*/;

/** The commands the sessions ran, each compound command also as its parts (`cd app && npm test`). */
export function evidenceCommands(atoms: readonly Atom[]): string[] {
  const out = new Set<string>();
  for (const atom of atoms) {
    for (const step of atom.steps) {
      if (!step.signature.startsWith('run') || !step.detail) continue;
      for (const line of step.detail.split('\n')) {
        const whole = normalize(line);
        if (!whole) continue;
        out.add(whole);
        for (const part of whole.split(SEGMENT_SPLIT)) if (part) out.add(normalize(part));
      }
    }
  }
  return [...out];
}

/** Files the sessions read or edited (by base name): `cat CHANGELOG.md` is fine when a session read it. */
export function evidenceFiles(atoms: readonly Atom[]): Set<string> {
  const out = new Set<string>();
  for (const atom of atoms) for (const s of atom.steps) if (s.detail && /^(read|edit):/.test(s.signature)) out.add(s.detail);
  return out;
}

/** Commands a Markdown body names: lines of shell code blocks, and inline code that reads as a command. */
export function commandsInMarkdown(body: string, knownPrograms: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  const isCommand = (span: string) => looksLikeCommand(span, knownPrograms);
  const outside = body.replace(/^[ \t]*(```+|~~~+)[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm, (_all, _fence, lang: string, code: string) => {
    const shell = SHELL_FENCES.has(lang.toLowerCase());
    for (const line of joinContinuations(code)) {
      const text = lang.toLowerCase() === 'console' ? /^\s*[$>]\s+(.*)$/.exec(line)?.[1] : line.replace(/^\s*\$\s+/, '');
      if (!text || /^\s*#/.test(text)) continue;
      // an unlabelled block may hold output or prose; only lines that read as commands count there
      if (shell || (lang === '' && isCommand(text))) found.push(normalize(text));
    }
    return '\n';
  });
  for (const m of outside.matchAll(/(`+)([^`\n]+?)\1/g)) {
    const span = m[2].trim().replace(/^\$\s+/, '');
    if (isCommand(span)) found.push(normalize(span));
  }
  return [...new Set(found)].filter(Boolean);
}

/** The commands in `candidates` that no evidence command supports (see `isSupported`). */
export function unsupportedCommands(candidates: readonly string[], evidence: readonly string[], files: ReadonlySet<string> = new Set()): string[] {
  const known = evidence.map(tokens);
  return candidates.filter((c) => !c.split(SEGMENT_SPLIT).every((segment) => !segment.trim() || isSupported(tokens(segment), known, files)));
}

/** The first words of the evidence commands: spans starting with one of these are commands too. */
export function programsOf(evidence: readonly string[]): Set<string> {
  return new Set(evidence.map((c) => withoutEnv(tokens(c))[0]).filter((p): p is string => Boolean(p)));
}

/**
 * A command is supported when, token by token, it agrees with one the sessions ran: equal tokens, or a
 * placeholder (`<name>`) on either side where the other has a concrete value. It may stop early (`npm run` for
 * `npm run build`) or add arguments, but not flags: a flag changes what a command does.
 */
function isSupported(command: string[], evidence: readonly string[][], files: ReadonlySet<string>): boolean {
  const c = withoutEnv(command);
  if (c.length === 0) return true;
  if (isFileView(c, files)) return true;
  return evidence.some((raw) => {
    const e = withoutEnv(raw);
    const shared = Math.min(c.length, e.length);
    for (let i = 0; i < shared; i++) if (c[i] !== e[i] && !isPlaceholder(c[i]) && !isPlaceholder(e[i])) return false;
    return c.slice(shared).every((extra) => !extra.startsWith('-'));
  });
}

function isFileView(c: string[], files: ReadonlySet<string>): boolean {
  if (!['cat', 'head', 'tail', 'less', 'nl'].includes(c[0])) return false;
  const targets = c.slice(1).filter((w) => !w.startsWith('-'));
  return targets.length > 0 && targets.every((t) => files.has(t.split('/').pop()!));
}

function looksLikeCommand(span: string, known: ReadonlySet<string>): boolean {
  const words = withoutEnv(tokens(span));
  const head = words[0] === 'sudo' ? words[1] : words[0];
  if (!head) return false;
  if (PROGRAMS.has(head) || known.has(head) || head.startsWith('./')) return true;
  return words.length > 1 && /^[a-z][\w.-]*$/.test(head) && /(?:^|\s)(?:&&|\|\||\|)(?:\s|$)/.test(span);
}

function joinContinuations(code: string): string[] {
  return code.replace(/\\\r?\n\s*/g, ' ').split(/\r?\n/);
}

function isPlaceholder(word: string): boolean {
  return /^<[^<>]+>$/.test(word) || /^\{\{?[^{}]+\}?\}$/.test(word) || /^\[[A-Z_]+\]$/.test(word);
}

function withoutEnv(words: string[]): string[] {
  let i = 0;
  while (i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i])) i++;
  return words.slice(i);
}

function tokens(command: string): string[] {
  return normalize(command).split(' ').filter(Boolean);
}

export function normalize(command: string): string {
  return command.replace(/\s+/g, ' ').trim().replace(/\s*;$/, '');
}
