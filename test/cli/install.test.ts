import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers';

interface Installed {
  agent: string;
  scope: string;
  path: string;
  method: string;
  version: string;
  status: string;
}

/** A Skillsmith home, a user home (HOME and USERPROFILE) and a workspace, fresh for one test. */
function setup() {
  const root = tempDir();
  const home = join(root, 'skillsmith');
  const user = join(root, 'user');
  const workspace = join(root, 'ws');
  mkdirSync(user);
  mkdirSync(workspace);
  const env = { HOME: user, USERPROFILE: user };
  const run = (args: string[]) => runCli(args, { home, env, cwd: workspace });
  const ok = (args: string[]) => {
    const r = run(args);
    assert.equal(r.code, 0, `skillsmith ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const src = join(root, 'src', 'changelog');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'SKILL.md'), '---\nname: changelog\ndescription: Keep the changelog. Use when releasing.\n---\n\nAdd an entry per change.\n');
  return { root, home, user, workspace, src, run, ok };
}

test('install, installs, absorb and uninstall through the CLI, with every agent folder under HOME', () => {
  const s = setup();
  const version = s.ok(['library', 'add', s.src]).slice(0, 7);
  const user = JSON.parse(s.ok(['install', 'changelog', '--agent', 'all', '--json'])) as { installed: Installed[]; failed: unknown[] };
  assert.deepEqual(
    user.installed.map((i) => [i.agent, i.method, i.path]),
    [
      ['claude-code', 'link', join(s.user, '.claude/skills/changelog')],
      ['codex', 'copy', join(s.user, '.agents/skills/changelog')],
      ['copilot', 'copy', join(s.user, '.copilot/skills/changelog')],
      ['cursor', 'link', join(s.user, '.cursor/skills/changelog')],
      ['openclaw', 'copy', join(s.user, '.openclaw/skills/changelog')],
    ],
  );
  assert.ok(lstatSync(join(s.user, '.claude/skills/changelog')).isSymbolicLink());
  // project scope defaults to the current folder
  const project = s.ok(['install', 'changelog', '--agent', 'copilot', '--scope', 'project']);
  assert.match(project, new RegExp(`^installed  changelog@${version}  copilot      project  copy  .*\\.github/skills/changelog\\n$`));
  const md = readFileSync(join(s.workspace, '.github/skills/changelog/SKILL.md'), 'utf8');
  assert.match(md, new RegExp(`<!-- skillsmith-version: ${version}[0-9a-f]{33} skill: changelog -->`));

  const list = JSON.parse(s.ok(['installs', '--json'])) as { agent: string; state: string }[];
  assert.equal(list.length, 6);
  assert.ok(list.every((i) => i.state === 'ok'));
  assert.match(s.ok(['installs']), /^changelog@[0-9a-f]{7}  claude-code  user     link  ok        ~\/\.claude\/skills\/changelog$/m);

  const copy = join(s.user, '.agents/skills/changelog/SKILL.md');
  writeFileSync(copy, readFileSync(copy, 'utf8').replace('Add an entry per change.', 'Add an entry per user-visible change.'));
  assert.match(s.ok(['absorb']), /^waiting   changelog  edited in ~\/\.agents\/skills\/changelog; recorded once untouched for \d+ s more$/m);
  const absorbed = JSON.parse(s.ok(['absorb', '--quiet-seconds', '0', '--json'])) as { committed: { skill: string; version: string }[] };
  assert.equal(absorbed.committed.length, 1);
  const log = s.ok(['library', 'log', 'changelog']).trim().split('\n');
  assert.match(log[0], /update\(changelog\): hand edit by the user in ~\/\.agents\/skills\/changelog$/);
  const shown = JSON.parse(s.ok(['library', 'show', 'changelog', '--json'])) as { files: Record<string, string> };
  assert.match(shown.files['SKILL.md'], /user-visible change/);
  assert.doesNotMatch(shown.files['SKILL.md'], /skillsmith-version/);
  assert.match(readFileSync(join(s.user, '.claude/skills/changelog/SKILL.md'), 'utf8'), /user-visible change/, 'the link follows the new version');
  assert.match(s.ok(['absorb']), /^No hand edits \(\d+ installed folders as installed\)\.$/m);

  const removed = JSON.parse(s.ok(['uninstall', 'changelog', '--agent', 'all', '--json'])) as { removed: unknown[] };
  assert.equal(removed.removed.length, 5);
  for (const dir of ['.claude', '.agents', '.copilot', '.cursor', '.openclaw']) assert.equal(existsSync(join(s.user, dir, 'skills/changelog')), false, dir);
  assert.equal(existsSync(join(s.workspace, '.github/skills/changelog/SKILL.md')), true, 'the project install stays');
});

test('the CLI refuses a foreign folder, an unknown agent, a bad scope and a missing skill with one line and exit 1', () => {
  const s = setup();
  s.ok(['library', 'add', s.src]);
  const mine = join(s.user, '.cursor/skills/changelog');
  mkdirSync(mine, { recursive: true });
  writeFileSync(join(mine, 'SKILL.md'), 'my own\n');
  const r = s.run(['install', 'changelog', '--agent', 'cursor']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^skillsmith: cursor: .*\.cursor\/skills\/changelog: a skill folder Skillsmith did not install is already here; leaving it alone \(remove or rename it to install here\)\n$/);
  assert.equal(readFileSync(join(mine, 'SKILL.md'), 'utf8'), 'my own\n');
  const gone = s.run(['uninstall', 'changelog', '--agent', 'cursor']);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /was not installed by Skillsmith; leaving it alone/);

  for (const [args, message] of [
    [['install', 'changelog', '--agent', 'vim'], /unknown agent "vim"/],
    [['install', 'changelog', '--agent', 'codex', '--scope', 'team'], /unknown scope "team" \(choose user or project\)/],
    [['install', 'nothing', '--agent', 'codex'], /no skill named "nothing"/],
    [['install', 'changelog@0000000', '--agent', 'codex'], /no version 0000000/],
  ] as const) {
    const bad = s.run([...args]);
    assert.equal(bad.code, 1, args.join(' '));
    assert.match(bad.stderr, message);
    assert.equal(bad.stderr.trim().split('\n').length, 1, `${args.join(' ')}: one line`);
  }
  assert.equal(s.run(['install', 'changelog']).code, 2, '--agent is required');
  // a bad option value is a usage error
  const soon = s.run(['absorb', '--quiet-seconds', 'soon']);
  assert.deepEqual([soon.code, soon.stderr], [2, 'skillsmith: --quiet-seconds: must be a number of seconds, not "soon"\n']);
});
