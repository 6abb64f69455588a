/**
 * A planted-secrets corpus of our own: the sample sessions (Claude Code and Codex) with more than sixty
 * generated secrets of more than twenty-five kinds written into every place a session holds text: prompts,
 * tool inputs (commands, file contents), tool outputs, file paths and working directories. Every value is
 * assembled at run time, so the repository itself holds nothing a scanner would flag.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { jwt, privateKey, randomString, token } from '../core/redact/planted';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const j = (...parts: string[]) => parts.join('');
const g = (n: number, seed: number, alphabet = ALNUM) => randomString(alphabet, n, seed);

export interface PlantedSecret {
  kind: string;
  /** The secret as it must never appear anywhere after ingest. */
  value: string;
  /** What else of it must not appear: its escaped spelling, the halves of a wrapped one. */
  traces: string[];
}

/** Where a snippet goes in a session. */
export type Place = 'prompt' | 'command' | 'file-content' | 'output' | 'file-path' | 'workdir';

interface Plant extends PlantedSecret {
  place: Place;
  /** The text written into the session. */
  text: string;
}

function plants(): Plant[] {
  const out: Plant[] = [];
  const add = (kind: string, value: string, place: Place, text = value, traces: string[] = []) => out.push({ kind, value, place, text, traces });
  let seed = 500;
  const s = () => ++seed;
  // provider tokens, each in three places
  const providers: Array<[string, () => string]> = [
    ['openai-key', () => j('s', 'k-', 'proj-', g(48, s(), ALNUM + '-_'), g(8, s()))],
    ['anthropic-key', () => j('s', 'k-', 'ant-', 'api03-', g(93, s(), ALNUM + '-_'), 'AA')],
    ['github-token', () => j('gh', 'p_', g(36, s()))],
    ['github-fine-grained', () => j('github', '_pat_', g(22, s()), '_', g(59, s()))],
    ['slack-token', () => j('xo', 'xb-', g(12, s(), '0123456789'), '-', g(13, s(), '0123456789'), '-', g(24, s()))],
    ['aws-access-key', () => j('AK', 'IA', g(16, s(), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'))],
    ['google-api-key', () => j('AI', 'za', g(35, s(), ALNUM + '-_'))],
    ['stripe-key', () => j('s', 'k_', 'live_', g(24, s()))],
    ['npm-token', () => j('np', 'm_', g(36, s()))],
    ['twilio-key', () => j('S', 'K', g(32, s(), HEX))],
    ['discord-token', () => j('M', g(23, s()), '.', g(6, s()), '.', g(27, s()))],
    ['telegram-token', () => j(g(9, s(), '123456789'), ':AA', g(33, s()))],
    ['gitlab-token', () => j('glp', 'at-', g(20, s()))],
    ['huggingface-token', () => j('h', 'f_', g(34, s()))],
    ['sendgrid-key', () => j('S', 'G.', g(22, s()), '.', g(43, s()))],
    ['digitalocean-token', () => j('dop', '_v1_', g(64, s(), HEX))],
    ['vault-token', () => j('hv', 's.', g(90, s()))],
    ['groq-key', () => j('gs', 'k_', g(52, s()))],
    ['jwt', () => jwt().replace(/\.[^.]+$/, `.${g(43, s(), ALNUM + '-_')}`)],
  ];
  const placesFor: Place[] = ['prompt', 'output', 'command', 'file-content'];
  providers.forEach(([kind, make], i) => {
    add(kind, make(), placesFor[i % 4]!, undefined);
    add(kind, make(), placesFor[(i + 1) % 4]!, undefined);
    if (i % 3 === 0) add(kind, make(), placesFor[(i + 2) % 4]!, undefined);
  });
  for (const p of out) p.text = p.value;
  // credentials in context: names, command lines, URLs, prose, encodings
  const pw = () => `${g(6, s())}&${g(6, s())}`;
  const plain = () => g(14, s());
  const v1 = pw();
  add('password-assignment', v1, 'command', `DATABASE_PASSWORD=${v1} npm run deploy`);
  const v2 = plain();
  add('weak-name-password', v2, 'command', `REDIS_CACHE_PASSWORD=${v2} npm start`);
  const v3 = plain();
  add('weak-name-password', v3, 'file-content', `DOCKER_REGISTRY_PASSWORD=${v3}\nPRIMARY_DB_PASSWORD=${v3}x`);
  const v4 = g(86, s(), ALNUM + '+/') + '==';
  add('azure-storage-key', v4, 'file-content', `AZURE_STORAGE_KEY=${v4}`);
  const v5 = pw();
  add('mysql-flag', v5, 'command', `mysql -uroot -p'${v5}' shop < dump.sql`);
  const v6 = plain();
  add('sshpass-flag', v6, 'command', `sshpass -p '${v6}' ssh deploy@staging`);
  const v7 = plain();
  add('curl-user', v7, 'command', `curl -fsS -u deployer:${v7} https://ci.example.com/job/deploy`);
  const v8 = plain();
  add('docker-login', v8, 'command', `docker login -u ci -p ${v8} registry.example.com`);
  const v9 = plain();
  add('pgpassword', v9, 'command', `PGPASSWORD=${v9} psql -h db -U app`);
  const v10 = plain();
  add('password-flag', v10, 'command', `./migrate --password=${v10} --env prod`);
  const v11 = plain();
  add('url-credentials', v11, 'output', `connecting to postgres://app:${v11}@db.internal:5432/shop`);
  const v12 = pw();
  add('prose-password', v12, 'prompt', `log in as admin, my password is ${v12} thanks`);
  const v13 = plain();
  add('prose-password', v13, 'prompt', `use ${v13} as the password for the staging box`);
  const v14 = g(40, s());
  add('unlabeled-key', v14, 'output', `[\n  {\n    "keyName": "key1",\n    "permissions": "FULL",\n    "value": "${v14}"\n  }\n]`);
  const v15 = g(86, s(), ALNUM + '+/') + '==';
  add('unlabeled-key', v15, 'output', `key2  FULL  ${v15}`);
  const gh64 = Buffer.from(`GITHUB_TOKEN=${j('gh', 'p_', g(36, s()))}\n`).toString('base64');
  add('base64-wrapped', gh64, 'command', `echo ${gh64} | base64 -d > .env`);
  const esc = j('gh', 'p_', g(36, s()));
  const escaped = [...esc].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  add('json-escaped', esc, 'file-content', `{"token": "${escaped}"}`, [escaped.slice(0, 72)]);
  const wrapped = j('gh', 'p_', g(36, s()));
  add('line-wrapped', wrapped, 'output', `export GH=\n${wrapped.slice(0, 22)}\n${wrapped.slice(22)}\n`, [wrapped.slice(0, 22), wrapped.slice(22)]);
  const bearer = g(40, s());
  add('bearer-token', bearer, 'command', `curl -H "Authorization: Bearer ${bearer}" https://api.example.com/v1/me`);
  const key = privateKey('RSA', s());
  const keyLine = key.split('\n')[2]!;
  add('private-key', keyLine, 'output', key);
  const awsSecret = g(40, s(), ALNUM + '+/');
  add('aws-secret-key', awsSecret, 'file-content', `[default]\naws_secret_access_key = ${awsSecret}\n`);
  const slackHook = j('https://hooks.', 'slack.com/services/T', g(10, s(), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), '/B', g(10, s(), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), '/', g(24, s()));
  add('slack-webhook', slackHook.slice(slackHook.lastIndexOf('/') + 1), 'output', `posting to ${slackHook}`);
  // file paths and working directories
  add('github-token', j('gh', 'p_', g(36, s())), 'file-path');
  add('npm-token', j('np', 'm_', g(36, s())), 'file-path');
  add('github-token', j('gh', 'p_', g(36, s())), 'workdir');
  add('stripe-key', j('s', 'k_', 'live_', g(24, s())), 'workdir');
  for (const p of out) if (p.place === 'file-path' || p.place === 'workdir') p.text = p.value;
  return out;
}

export interface PlantedCorpus {
  dir: string;
  secrets: PlantedSecret[];
  kinds: number;
  places: Set<Place>;
}

/** Writes the corpus under `dir` (a copy of `samples` with the secrets planted) and lists what was planted. */
export function writePlantedCorpus(samples: string, dir: string): PlantedCorpus {
  const all = plants();
  const files = listFiles(samples).sort();
  const byFile = new Map<string, Plant[]>();
  all.forEach((p, i) => {
    const f = files[i % files.length]!;
    byFile.set(f, [...(byFile.get(f) ?? []), p]);
  });
  for (const file of files) {
    const planted = byFile.get(file) ?? [];
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const session = file.includes('/codex/') ? plantCodex(records, planted) : plantClaude(records, planted);
    const target = join(dir, relative(samples, file));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, session.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  return { dir, secrets: all.map(({ kind, value, traces }) => ({ kind, value, traces })), kinds: new Set(all.map((p) => p.kind)).size, places: new Set(all.map((p) => p.place)) };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = resolve(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : p.endsWith('.jsonl') ? [p] : [];
  });
}

type Rec = Record<string, any>;

function take(plants: Plant[], place: Place): Plant[] {
  return plants.filter((p) => p.place === place);
}

function plantClaude(records: Rec[], plants: Plant[]): Rec[] {
  const workdir = take(plants, 'workdir')[0];
  const cwd = workdir ? `/home/dev/clones/${workdir.text}/shop-api` : undefined;
  let promptDone = false;
  let commandDone = false;
  let outputDone = false;
  for (const r of records) {
    if (cwd && typeof r.cwd === 'string') r.cwd = cwd;
    const content = r.message?.content;
    if (r.type === 'user' && typeof content === 'string' && !promptDone) {
      r.message.content = `${content} ${take(plants, 'prompt').map((p) => p.text).join(' and ')}`.trim();
      promptDone = true;
    }
    if (!Array.isArray(content)) continue;
    for (const c of content) {
      if (c.type === 'tool_use' && typeof c.input?.command === 'string' && !commandDone) {
        const extra = take(plants, 'command').map((p) => p.text);
        if (extra.length) c.input.command = `${c.input.command} && ${extra.join(' && ')}`;
        commandDone = true;
      }
      if (c.type === 'tool_result' && typeof c.content === 'string' && !outputDone) {
        c.content = [c.content, ...take(plants, 'output').map((p) => p.text)].join('\n');
        outputDone = true;
      }
    }
  }
  // a file written and a file read, whose contents and paths carry the rest
  const last = records[records.length - 1]!;
  const base = { ...last, parentUuid: last.uuid, type: 'assistant' };
  const files = take(plants, 'file-content').map((p) => p.text).join('\n');
  const path = take(plants, 'file-path').map((p) => p.text);
  const extra: Rec[] = [];
  if (files || path.length) {
    const id = `toolu_planted_${String(last.uuid).slice(-4)}`;
    const input = { file_path: `/home/dev/shop-api/config/${path[0] ?? 'settings'}.env`, content: files || 'DEBUG=1' };
    extra.push({ ...base, uuid: `${last.uuid}-p1`, message: { id: 'msg_planted', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'tool_use', id, name: 'Write', input }], stop_reason: 'tool_use' } });
    extra.push({ ...base, uuid: `${last.uuid}-p2`, parentUuid: `${last.uuid}-p1`, type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: `File created at ${input.file_path}${path[1] ? ` and /tmp/${path[1]}/cache` : ''}` }] } });
  }
  return [...records, ...extra];
}

function plantCodex(records: Rec[], plants: Plant[]): Rec[] {
  const workdir = take(plants, 'workdir')[0];
  const cwd = workdir ? `/home/dev/clones/${workdir.text}/shop-api` : undefined;
  let promptDone = false;
  let commandDone = false;
  let outputDone = false;
  for (const r of records) {
    const p = r.payload;
    if (!p) continue;
    if (cwd && typeof p.cwd === 'string') p.cwd = cwd;
    const promptText = take(plants, 'prompt').map((x) => x.text).join(' and ');
    if (p.type === 'message' && p.role === 'user' && !promptDone && promptText) {
      p.content[0].text = `${p.content[0].text} ${promptText}`;
      promptDone = true;
    }
    if (p.type === 'user_message' && promptText) p.message = `${p.message} ${promptText}`;
    if (p.type === 'function_call' && !commandDone) {
      const args = JSON.parse(p.arguments);
      const extra = [...take(plants, 'command'), ...take(plants, 'file-content')].map((x) => x.text);
      if (extra.length) args.command[2] = `${args.command[2]} && ${extra.join(' && ')}`;
      const path = take(plants, 'file-path')[0];
      if (path) args.command[2] += ` && cat /home/dev/shop-api/keys/${path.text}.json`;
      if (cwd) args.workdir = cwd;
      p.arguments = JSON.stringify(args);
      commandDone = true;
    }
    if (p.type === 'function_call_output' && !outputDone) {
      const output = JSON.parse(p.output);
      output.output = [output.output, ...take(plants, 'output').map((x) => x.text)].join('\n');
      p.output = JSON.stringify(output);
      outputDone = true;
    }
  }
  return records;
}

/** The spellings of `s` that stored or sent text can hold: as is, JSON-escaped once and twice. */
export function spellings(s: string): string[] {
  const once = JSON.stringify(s).slice(1, -1);
  return [...new Set([s, once, JSON.stringify(once).slice(1, -1)])];
}

/** The planted secrets (or traces of them) found in `haystack`, by kind. */
export function survivors(secrets: readonly PlantedSecret[], haystack: string): string[] {
  return secrets.filter((p) => [p.value, ...p.traces].some((t) => spellings(t).some((x) => haystack.includes(x)))).map((p) => p.kind);
}
