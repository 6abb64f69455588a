/**
 * Listing a skill library of 5,000 skills (one git repository, as the sidebar and `skillsmith library list`
 * read it), as ratios to reading the same 5,000 SKILL.md files from a plain folder and parsing their
 * descriptions. First listing: nothing read before (no saved listing). Restart: a new process on an unchanged
 * library (the saved listing). Again: the same process. After a commit: one skill changed by the `git` command.
 * Run: node --import tsx bench/library.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SkillLibrary } from '../src/core/skills/library/library';
import { descriptionOfSkillMd } from '../src/core/skills/library/skill-description';
import { makeLargeLibrary } from '../test/vscode/fixtures/large-library';

const SKILLS = 5000;
const RUNS = 3;
const LISTING_FILE = join('.git', 'skillsmith-listing.json');

/** The median time of `RUNS` runs of `fn`, each after `before`. */
async function medianMs(fn: () => Promise<unknown>, before: () => void = () => undefined): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before();
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function readPlainFolder(dir: string): Promise<number> {
  let described = 0;
  for (const name of readdirSync(dir).filter((n) => !n.startsWith('.'))) {
    if (descriptionOfSkillMd(await readFile(join(dir, name, 'SKILL.md')), `${name}/SKILL.md`)) described++;
  }
  return described;
}

async function listFresh(dir: string): Promise<number> {
  const skills = await (await SkillLibrary.open(dir)).list();
  if (skills.length !== SKILLS) throw new Error(`listed ${skills.length} skills, not ${SKILLS}`);
  return skills.length;
}

export async function run(): Promise<void> {
  const dir = join(mkdtempSync(join(tmpdir(), 'bench-library-')), 'library');
  const names = makeLargeLibrary(dir, SKILLS);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@localhost', ...args], { cwd: dir, stdio: 'pipe' });
  const forget = () => rmSync(join(dir, LISTING_FILE), { force: true });

  const baseline = await medianMs(() => readPlainFolder(dir));
  const first = await medianMs(() => listFresh(dir), forget);
  const restart = await medianMs(() => listFresh(dir));
  const library = await SkillLibrary.open(dir);
  await library.list();
  const again = await medianMs(() => library.list());
  let edits = 0;
  const afterCommit = await medianMs(
    () => library.list(),
    () => {
      const file = join(dir, names[edits]!, 'SKILL.md');
      writeFileSync(file, `---\nname: ${names[edits]}\ndescription: edited by hand, round ${++edits}.\n---\n\n# ${names[edits - 1]}\n`);
      git('commit', '-q', '-am', `edit ${names[edits - 1]}`);
    },
  );
  const row = (label: string, ms: number) => console.log(`   ${label.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / baseline).toFixed(2).padStart(6)}×`);
  console.log(`   ${SKILLS.toLocaleString('en')} skills, median of ${RUNS}; ratios to reading their SKILL.md from a plain folder`);
  row('plain folder (baseline)', baseline);
  row('first listing (nothing saved)', first);
  row('restart (saved listing, new process)', restart);
  row('again (same process)', again);
  row('after a `git commit` of one skill', afterCommit);
  rmSync(join(dir, '..'), { recursive: true, force: true });
}

if (/bench\/library\.ts$/.test(process.argv[1] ?? '')) void run();
