import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateStore } from '../../../src/core/store/database';
import { MIGRATIONS } from '../../../src/core/store/migrations';
import { sqliteBytes, tempHome } from './helpers';

/** A home with a library folder holding a skill, to prove recovery never touches it. */
function homeWithLibrary(): { home: string; state: string; skill: string } {
  const home = tempHome();
  const skill = join(home, 'library', 'my-skill', 'SKILL.md');
  mkdirSync(join(home, 'library', 'my-skill'), { recursive: true });
  writeFileSync(skill, '---\nname: my-skill\ndescription: kept\n---\nbody\n');
  return { home, state: join(home, 'state.db'), skill };
}

async function realStateBytes(): Promise<Uint8Array> {
  const { state } = homeWithLibrary();
  const store = await StateStore.open(state);
  store.run('CREATE TABLE filler (n INTEGER, pad TEXT)');
  store.transaction(() => {
    for (let i = 0; i < 400; i++) store.run('INSERT INTO filler VALUES (?, ?)', [i, 'x'.repeat(200)]);
  });
  await store.close();
  return readFileSync(state);
}

const cases: Array<{ name: string; kind: 'corrupt' | 'foreign'; reason: RegExp; bytes: () => Promise<Uint8Array> }> = [
  { name: 'random bytes', kind: 'corrupt', reason: /is not a SQLite database/, bytes: async () => randomBytes(8192) },
  { name: 'an empty file', kind: 'corrupt', reason: /is empty/, bytes: async () => new Uint8Array(0) },
  {
    name: 'a truncated real state file',
    kind: 'corrupt',
    reason: /is truncated \(\d+ bytes, its header promises \d+\)/,
    bytes: async () => (await realStateBytes()).subarray(0, 20_000),
  },
  {
    name: 'a real state file with a damaged page',
    kind: 'corrupt',
    reason: /is damaged|fails SQLite's integrity check/,
    bytes: async () => {
      const b = Buffer.from(await realStateBytes());
      b.fill(0xff, 4096 + 8, 4096 * 3); // page 2 onwards: b-tree headers become garbage
      return b;
    },
  },
  {
    name: 'a foreign SQLite database',
    kind: 'foreign',
    reason: /is a SQLite database Skillsmith did not create \(tables: customers, orders\)/,
    bytes: () => sqliteBytes("CREATE TABLE customers (id INTEGER); CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1);"),
  },
  {
    name: "a foreign SQLite database with its own 'meta' table",
    kind: 'foreign',
    reason: /did not create \(tables: meta\)/,
    bytes: () => sqliteBytes("CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('app', 'someone-else');"),
  },
];

for (const c of cases) {
  test(`${c.name} is moved aside with a message saying where, and a fresh store works`, async () => {
    const { home, state, skill } = homeWithLibrary();
    const original = await c.bytes();
    writeFileSync(state, original);
    const skillBefore = readFileSync(skill, 'utf8');
    const heard: string[] = [];

    const store = await StateStore.open(state, { onNotice: (m) => heard.push(m) });

    assert.equal(heard.length, 1);
    assert.deepEqual(store.notices, heard);
    const aside = readdirSync(home).filter((n) => n.startsWith(`state.db.${c.kind}-`));
    assert.equal(aside.length, 1, `moved-aside file in ${readdirSync(home).join(', ')}`);
    assert.match(aside[0], /^state\.db\.(corrupt|foreign)-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    assert.match(heard[0], c.reason);
    assert.ok(heard[0].includes(join(home, aside[0])), `the message names ${aside[0]}: ${heard[0]}`);
    assert.ok(heard[0].startsWith(`State file ${state} `));
    assert.deepEqual(readFileSync(join(home, aside[0])), Buffer.from(original), 'the moved file is byte for byte the original');

    assert.equal(store.schemaVersion, MIGRATIONS.length);
    store.run("INSERT INTO meta (key, value) VALUES ('after', 'recovery')");
    await store.close();
    const reopened = await StateStore.open(state);
    assert.deepEqual(reopened.notices, []);
    assert.deepEqual(reopened.get("SELECT value FROM meta WHERE key = 'after'"), { value: 'recovery' });
    await reopened.close();

    assert.equal(readFileSync(skill, 'utf8'), skillBefore);
    assert.deepEqual(readdirSync(join(home, 'library')), ['my-skill']);
    assert.deepEqual(readdirSync(join(home, 'library', 'my-skill')), ['SKILL.md']);
  });
}

test('a SQLite file without any table is adopted, not moved aside', async () => {
  const { home, state } = homeWithLibrary();
  writeFileSync(state, await sqliteBytes('CREATE TABLE t (x); DROP TABLE t;'));
  const store = await StateStore.open(state);
  assert.deepEqual(store.notices, []);
  assert.equal(store.schemaVersion, MIGRATIONS.length);
  await store.close();
  assert.deepEqual(readdirSync(home).sort(), ['library', 'state.db']);
});

test('a state file from a newer Skillsmith is refused with a clear error and left exactly as it was', async () => {
  const { home, state } = homeWithLibrary();
  const store = await StateStore.open(state);
  store.run("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
  await store.close();
  const before = readFileSync(state);

  await assert.rejects(StateStore.open(state), (e: Error) => {
    assert.equal(e.name, 'SkillsmithError');
    assert.match(e.message, /was written by a newer Skillsmith \(schema version 999; this one knows up to \d+\)/);
    return true;
  });
  assert.deepEqual(readFileSync(state), before);
  assert.deepEqual(readdirSync(home).sort(), ['library', 'state.db'], 'nothing moved, no lock left behind');
});

test('opened read-only, a damaged file is reported but left in place', async () => {
  const { home, state } = homeWithLibrary();
  writeFileSync(state, randomBytes(4096));
  const store = await StateStore.open(state, { readOnly: true });
  assert.equal(store.notices.length, 1);
  assert.match(store.notices[0], /is not a SQLite database; left it in place \(opened read-only\)/);
  assert.throws(() => store.run('CREATE TABLE x (y)'), /read-only/);
  await store.close();
  assert.deepEqual(readdirSync(home).sort(), ['library', 'state.db']);
});

test('a missing state file and its folder are created at open', async () => {
  const state = join(tempHome(), 'nested', 'home', 'state.db');
  const store = await StateStore.open(state);
  assert.ok(existsSync(state));
  assert.deepEqual(store.notices, []);
  await store.close();
});
