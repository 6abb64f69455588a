import type { Detector, Finding } from '../types';
import { isStandInValue } from './values';

/**
 * Credentials passed on the command lines of common tools, in the spellings the generic `--password …`
 * rule cannot know: an attached `-p<pw>`, `-u user:pw`, `-U user%pw`, `pass:<pw>`, a positional password.
 * Each rule names the tool, because a short flag means a password for one tool and a port for another
 * (`ssh -p 2222`, `docker run -p 8080:80`).
 */
interface ToolRule {
  /** Short flags whose value (attached or the next word) is a password. */
  valueFlags?: readonly string[];
  /** Short flags whose value is a password only when attached (`mysql -p` alone asks for one). */
  attachedFlags?: readonly string[];
  /** Flags whose value is `user:password` (or `user%password` for `%`); the part after the separator is secret. */
  userFlags?: ReadonlyArray<{ flag: string; separator: string }>;
  /** Flags whose value is `pass:<pw>` (OpenSSL's pass phrase arguments). */
  passArgFlags?: readonly string[];
  /** Needs this word before the flags (`docker login`). */
  subcommand?: string;
  /** A custom look at the words (positional passwords). */
  words?: (words: readonly Word[], out: Finding[]) => void;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

const MYSQL: ToolRule = { attachedFlags: ['-p'] };
const MONGO: ToolRule = { valueFlags: ['-p'] };
const LOGIN: ToolRule = { subcommand: 'login', valueFlags: ['-p'] };
const LDAP: ToolRule = { valueFlags: ['-w'] };
const SQLCMD: ToolRule = { valueFlags: ['-P'] };
const OPENSSL: ToolRule = { passArgFlags: ['-passout', '-passin', '-pass', '-password'], valueFlags: ['-k'] };

const RULES: Record<string, ToolRule> = {
  mysql: MYSQL, mysqldump: MYSQL, mysqladmin: MYSQL, mysqlimport: MYSQL, mysqlsh: MYSQL, mariadb: MYSQL, 'mariadb-dump': MYSQL,
  sshpass: { valueFlags: ['-p'] },
  curl: { userFlags: [{ flag: '-u', separator: ':' }, { flag: '--user', separator: ':' }, { flag: '--proxy-user', separator: ':' }, { flag: '-U', separator: ':' }] },
  docker: LOGIN, podman: LOGIN, buildah: LOGIN, skopeo: LOGIN, helm: { subcommand: 'login', valueFlags: ['-p'] }, oras: LOGIN,
  'redis-cli': { valueFlags: ['-a'] },
  mongo: MONGO, mongosh: MONGO, mongodump: MONGO, mongorestore: MONGO, mongoexport: MONGO, mongoimport: MONGO,
  az: { valueFlags: ['-p'] },
  smbclient: { userFlags: [{ flag: '-U', separator: '%' }] },
  net: { words: netUse },
  htpasswd: { words: htpasswdBatch },
  ldapsearch: LDAP, ldapmodify: LDAP, ldapadd: LDAP, ldapdelete: LDAP, ldapwhoami: LDAP, ldappasswd: LDAP,
  sqlcmd: SQLCMD, bcp: SQLCMD,
  openssl: OPENSSL,
  sqlplus: { words: sqlplusLogin },
};

const TOOL = new RegExp(`(?:^|[\\s;&|(\`'"/])(${Object.keys(RULES).map((t) => t.replace(/-/g, '\\-')).join('|')})(?:\\.exe)?(?=[ \\t])`, 'g');

export const findCommandLineCredentials: Detector = (text: string, out: Finding[]) => {
  TOOL.lastIndex = 0;
  for (const m of text.matchAll(TOOL)) {
    const rule = RULES[m[1]!]!;
    const words = commandWords(text, m.index + m[0].length);
    if (rule.subcommand && !words.some((w) => w.text === rule.subcommand)) continue;
    if (rule.words) rule.words(words, out);
    flagValues(text, words, rule, out);
  }
};

function flagValues(source: string, words: readonly Word[], rule: ToolRule, out: Finding[]): void {
  for (const [i, w] of words.entries()) {
    const next = words[i + 1];
    for (const flag of rule.valueFlags ?? []) {
      if (w.text === flag && next) push(out, next.start, next.end, next.text);
      else if (w.text.startsWith(flag) && w.text.length > flag.length && !w.text.startsWith('--')) attached(out, w, flag.length);
    }
    for (const flag of rule.attachedFlags ?? []) {
      if (w.text.startsWith(flag) && w.text.length > flag.length) attached(out, w, flag.length);
    }
    for (const { flag, separator } of rule.userFlags ?? []) {
      const inline = w.text.startsWith(`${flag}=`) ? flag.length + 1 : w.text.startsWith(flag) && !flag.startsWith('--') && w.text.length > flag.length ? flag.length : -1;
      const value = w.text === flag ? next : inline > 0 ? { text: w.text.slice(inline), start: w.start + inline, end: w.end } : undefined;
      if (!value) continue;
      const sep = value.text.indexOf(separator);
      // the separator's place in the source: the span may start with a quote the text lost
      const sourceSep = source.slice(value.start, value.end).indexOf(separator);
      if (sep >= 0 && sourceSep >= 0) push(out, value.start + sourceSep + 1, value.end, value.text.slice(sep + 1));
    }
    for (const flag of rule.passArgFlags ?? []) {
      if (w.text === flag && next?.text.startsWith('pass:')) push(out, next.start + 5, next.end, next.text.slice(5));
    }
  }
}

/** `-pSECRET`, `-p'SECRET'`: the value glued to the flag (its quotes, if any, go with it). */
function attached(out: Finding[], w: Word, flagLength: number): void {
  push(out, w.start + flagLength, w.end, w.text.slice(flagLength));
}

function push(out: Finding[], start: number, end: number, value: string): void {
  // `-p"$DB_PASS"` and `-u "$USER:$PASS"` pass references, not secrets
  if (end <= start || isStandInValue(value) || /^\$/.test(value)) return;
  out.push({ type: 'password', start, end });
}

/** `net use Z: \\srv\share /user:ada SECRET`: the word after `/user:name`. */
function netUse(words: readonly Word[], out: Finding[]): void {
  if (words[0]?.text !== 'use') return;
  const user = words.findIndex((w) => /^\/user:/i.test(w.text));
  const pw = user >= 0 ? words[user + 1] : undefined;
  if (pw && !pw.text.startsWith('/')) push(out, pw.start, pw.end, pw.text);
}

/** `htpasswd -b[c] file user SECRET`: batch mode takes the password as the last word. */
function htpasswdBatch(words: readonly Word[], out: Finding[]): void {
  const flags = words.filter((w) => w.text.startsWith('-'));
  if (!flags.some((f) => /^-[a-zA-Z]*b/.test(f.text))) return;
  const positional = words.filter((w) => !w.text.startsWith('-'));
  const pw = positional[2];
  if (pw) push(out, pw.start, pw.end, pw.text);
}

/** `sqlplus scott/SECRET@db`: the part between `/` and `@`. */
function sqlplusLogin(words: readonly Word[], out: Finding[]): void {
  const login = words.find((w) => !w.text.startsWith('-'));
  const m = login && /^[^/@\s]+\/([^@\s]+)/.exec(login.text);
  if (login && m) {
    const start = login.start + login.text.indexOf('/') + 1;
    push(out, start, start + m[1]!.length, m[1]!);
  }
}

/**
 * The words of one command from `at` to its end (a line break or an unquoted `|`, `;`, `&&`), quotes taken
 * off. A word's span is its text in the source; a word built from a flag and a quoted value (`-p'x'`) spans
 * the flag too, its text being the two joined.
 */
function commandWords(text: string, at: number): Word[] {
  const words: Word[] = [];
  const limit = Math.min(text.length, at + 2_000);
  let i = at;
  while (i < limit) {
    while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
    const c = text[i];
    if (c === undefined || c === '\n' || c === '\r' || c === ';' || c === '|' || (c === '&' && text[i + 1] === '&')) break;
    if (c === '\\' && (text[i + 1] === 'n' || text[i + 1] === '"')) break; // the end of a JSON-escaped line or string
    const word = readWord(text, i, limit);
    words.push(word.word);
    i = word.next;
  }
  return words;
}

/**
 * One word, quotes taken off its text. Its span is the source of the text: inside the quotes when the whole
 * word is quoted, else the raw word (a flag glued to a quoted value, `-p'x'`, keeps its quotes in the span).
 */
function readWord(text: string, at: number, limit: number): { word: Word; next: number } {
  let i = at;
  let value = '';
  while (i < limit && !/[\s;|]/.test(text[i]!)) {
    const q = text[i]!;
    if (q === '"' || q === "'") {
      const close = text.indexOf(q, i + 1);
      const end = close < 0 || close > limit ? limit : close;
      value += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    value += q;
    i++;
  }
  const end = Math.min(i, limit);
  const whole = end - at >= 2 && (text[at] === '"' || text[at] === "'") && text[end - 1] === text[at] && value.length === end - at - 2;
  return { word: whole ? { text: value, start: at + 1, end: end - 1 } : { text: value, start: at, end }, next: end };
}
