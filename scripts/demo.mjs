// The README's first command: distill the bundled sample sessions with the offline engine into a fresh,
// temporary home, then print the library it made: every draft skill, checked by the validator, with the
// sessions it came from, the recovery recipes and user rules it mined, and finally `skillsmith eval` on the
// same sessions (earlier ones distilled, later ones judged). Nothing outside the temporary folder is touched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const home = mkdtempSync(join(tmpdir(), 'skillsmith-demo-'));
const samples = join(root, 'samples', 'sessions');

function skillsmith(args, { capture = false } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args, '--home', home], { encoding: 'utf8', stdio: capture ? 'pipe' : 'inherit' });
  if (r.status !== 0) {
    if (capture) process.stderr.write(r.stderr);
    console.error(`\nskillsmith ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
  return r.stdout;
}

const rule = (title) => console.log(`\n${'─'.repeat(8)} ${title} ${'─'.repeat(Math.max(4, 70 - title.length))}`);

rule('distilling the sample sessions (Claude Code and Codex, offline engine)');
skillsmith(['distill', samples, '--offline']);

const drafts = JSON.parse(skillsmith(['library', 'candidates', '--json'], { capture: true }));
for (const draft of drafts) {
  rule(`draft skill: ${draft.name}`);
  const shown = JSON.parse(skillsmith(['library', 'show', draft.name, '--candidate', '--provenance', '--json'], { capture: true }));
  console.log(shown.files['SKILL.md']);
  const sessions = shown.provenance.sessions;
  console.log(`distilled from ${sessions.reduce((n, s) => n + s.atoms.length, 0)} requests in ${sessions.length} sessions:`);
  for (const s of sessions) for (const a of s.atoms) console.log(`  ${s.key}  turns ${a.turnStart}-${a.turnEnd - 1}  "${a.intent}"`);
}

rule('checking every draft against the Agent Skills specification');
const exported = mkdtempSync(join(tmpdir(), 'skillsmith-demo-skills-'));
const git = (args) => spawnSync('git', ['-C', join(home, 'library'), ...args], { encoding: 'buffer' });
for (const d of drafts) {
  const archive = git(['archive', `candidate/${d.name}`, d.name]);
  if (archive.status === 0) spawnSync('tar', ['-x', '-C', exported], { input: archive.stdout });
}
const v = spawnSync(process.execPath, [cli, 'validate', exported], { encoding: 'utf8' });
process.stdout.write(v.stdout);

rule('what the sessions taught beyond the steps');
for (const d of drafts) {
  const text = JSON.parse(skillsmith(['library', 'show', d.name, '--candidate', '--json'], { capture: true })).files['SKILL.md'];
  const section = (title) => (text.split(`## ${title}\n`)[1] ?? '').split('\n## ')[0].trim();
  const recipes = section('Pitfalls').split('\n').filter((l) => / made it pass/.test(l));
  const rules = section('Rules from the user').split('\n').filter(Boolean);
  for (const r of recipes) console.log(`recovery recipe (${d.name}): ${r.slice(2)}`);
  for (const r of rules) console.log(`user correction as a rule (${d.name}): ${r.slice(2)}`);
}

rule('skillsmith eval: distill the earlier sessions, judge the later ones');
const judged = spawnSync(process.execPath, [cli, 'eval', samples, '--offline'], { encoding: 'utf8' });
process.stdout.write(judged.stdout);
if (judged.status !== 0) {
  process.stderr.write(judged.stderr);
  console.error(`\nskillsmith eval failed (exit ${judged.status})`);
  process.exit(1);
}

rule('done');
console.log(`${drafts.length} draft skills await review in ${join(home, 'library')}`);
console.log(`explore: npx skillsmith library candidates --home ${home}`);
console.log(`         npx skillsmith library show <skill> --provenance --home ${home}`);
console.log(`         npx skillsmith library accept <skill> --home ${home}`);
