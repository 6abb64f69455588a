import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, listSessions, loadTrajectory } from '../../../src/core/ingest';
import { claudeCodeLines, codexLines, jsonl } from '../../support/session-lines';
import { countingReaders, FIXTURES, fileRow, openStore, parses, SAMPLES, tempDir } from './helpers';

const CWD = '/home/dev/shop-api';

function writeClaude(dir: string, id: string, lines: string[]): string {
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(path, jsonl(lines));
  return path;
}

test('the demo sessions (Claude Code and Codex) are stored, and a second run over them parses nothing', async () => {
  const dir = tempDir();
  cpSync(SAMPLES, join(dir, 'sessions'), { recursive: true });
  const store = await openStore(dir);
  const first = await ingest(store, [join(dir, 'sessions')]);
  assert.equal(first.new, 12);
  assert.deepEqual([first.updated, first.unchanged, first.failed], [0, 0, 0]);
  assert.deepEqual(first.problems, []);
  const sessions = listSessions(store);
  assert.deepEqual(new Set(sessions.map((s) => s.source)), new Set(['claude-code', 'codex']));
  assert.ok(sessions.every((s) => s.workspace === CWD && s.turns >= 2 && s.userTurns >= 1));

  const { readers, calls } = countingReaders();
  const second = await ingest(store, [join(dir, 'sessions')], { readers });
  assert.deepEqual([second.new, second.updated, second.unchanged, second.failed], [0, 0, 12, 0]);
  assert.equal(second.files.read, 0);
  assert.equal(parses(calls), 0, `no reader may be asked anything on an unchanged run: ${JSON.stringify(calls)}`);
  assert.deepEqual(
    second.sessions.map((s) => s.status),
    Array(12).fill('unchanged'),
  );
  await store.close();
});

test('appended lines are read from the saved offset with the saved state, and earlier turns are kept', async () => {
  const dir = tempDir();
  const store = await openStore(dir);
  const lines = claudeCodeLines({ sessionId: 'aaaa0000-0000-4000-8000-000000000001', cwd: CWD, exchanges: 6 });
  const path = writeClaude(dir, 'aaaa0000-0000-4000-8000-000000000001', lines.slice(0, 12));
  const first = await ingest(store, [path]);
  assert.equal(first.new, 1);
  const before = fileRow(store, path)!;
  assert.equal(before.byte_offset, statSync(path).size);
  assert.equal(before.line, 12);
  assert.ok(before.reader_state, 'the reader state is kept for a file that may grow');
  const saved = JSON.parse(before.reader_state!) as { entries: unknown[] };
  assert.ok(saved.entries.length > 0);

  appendFileSync(path, jsonl(lines.slice(12)));
  const { readers, calls } = countingReaders();
  const second = await ingest(store, [path], { readers });
  assert.deepEqual([second.new, second.updated, second.unchanged], [0, 1, 0]);
  assert.equal(second.files.resumed, 1);
  assert.equal(calls.feed, 12, 'only the 12 appended lines are fed to the reader');
  assert.equal(calls.init, 0, 'the saved state is resumed, not a fresh one');
  assert.equal(calls.sniff, 0, 'the format is known from the last run');
  const after = fileRow(store, path)!;
  assert.equal(after.byte_offset, statSync(path).size);
  assert.equal(after.line, 24);

  const t = loadTrajectory(store, 'claude-code:aaaa0000-0000-4000-8000-000000000001')!;
  const prompts = t.turns.filter((x) => x.role === 'user').map((x) => x.text);
  assert.equal(prompts.length, 6);
  assert.match(prompts[0]!, /failing order test number 0/);
  assert.match(prompts[5]!, /failing order test number 5/);

  // the resumed result is exactly what a fresh read of the whole file gives
  const fresh = await openStore();
  await ingest(fresh, [path]);
  assert.deepEqual(loadTrajectory(fresh, 'claude-code:aaaa0000-0000-4000-8000-000000000001'), t);
  await fresh.close();
  await store.close();
});

test('resuming at any line boundary gives the same stored session as reading whole (Claude Code and Codex samples)', async () => {
  const dir = tempDir();
  const files = [
    join(SAMPLES, 'claude-code/-home-dev-shop-api/6f1c2a10-0000-4000-8000-000000000007.jsonl'),
    join(SAMPLES, 'codex/2026/10/18/rollout-2026-10-18T09-00-00-0199a000-0000-7000-8000-000000000008.jsonl'),
  ];
  for (const source of files) {
    const whole = await openStore(tempDir());
    await ingest(whole, [source]);
    const [expected] = listSessions(whole);
    const reference = loadTrajectory(whole, expected!.key);
    await whole.close();
    const text = readFileSync(source, 'utf8');
    const cuts = [...text.matchAll(/\n/g)].map((m) => m.index! + 1).filter((cut, i) => i % 3 === 1 && cut < text.length);
    for (const cut of cuts) {
      const copy = join(dir, `cut-${cut}-${source.split('/').pop()}`);
      writeFileSync(copy, text.slice(0, cut));
      const store = await openStore(tempDir());
      await ingest(store, [copy]);
      appendFileSync(copy, text.slice(cut));
      const r = await ingest(store, [copy]);
      assert.equal(r.files.resumed, 1, `resumed at byte ${cut} of ${source}`);
      assert.deepEqual(loadTrajectory(store, expected!.key), { ...reference }, `cut at byte ${cut} of ${source}`);
      await store.close();
    }
  }
});

test('a truncated last line is left for later and read once it is complete', async () => {
  const dir = tempDir();
  const store = await openStore(dir);
  const lines = claudeCodeLines({ sessionId: 'bbbb0000-0000-4000-8000-000000000002', cwd: CWD, exchanges: 2 });
  const path = join(dir, 'session.jsonl');
  const done = jsonl(lines.slice(0, 4));
  const half = lines[4]!.slice(0, 40);
  writeFileSync(path, done + half);
  const first = await ingest(store, [path]);
  assert.equal(first.new, 1);
  assert.deepEqual(first.problems, [], 'a line still being written is not a problem');
  assert.equal(fileRow(store, path)!.byte_offset, Buffer.byteLength(done), 'the offset stays before the unfinished line');
  const key = 'claude-code:bbbb0000-0000-4000-8000-000000000002';
  assert.equal(loadTrajectory(store, key)!.turns.filter((t) => t.role === 'user').length, 1);

  appendFileSync(path, `${lines[4]!.slice(40)}\n${jsonl(lines.slice(5))}`);
  const second = await ingest(store, [path]);
  assert.deepEqual([second.updated, second.files.resumed], [1, 1]);
  assert.deepEqual(second.problems, []);
  const prompts = loadTrajectory(store, key)!.turns.filter((t) => t.role === 'user');
  assert.equal(prompts.length, 2);
  assert.match(prompts[1]!.text, /number 1/);
  await store.close();
});

test('a file that shrank or was rewritten in place is read again from the start', async () => {
  const dir = tempDir();
  const store = await openStore(dir);
  const id = 'cccc0000-0000-4000-8000-000000000003';
  const lines = claudeCodeLines({ sessionId: id, cwd: CWD, exchanges: 3 });
  const path = writeClaude(dir, id, lines);
  await ingest(store, [path]);

  writeFileSync(path, jsonl(lines.slice(0, 4))); // shrank
  const { readers, calls } = countingReaders();
  const shrank = await ingest(store, [path], { readers });
  assert.deepEqual([shrank.updated, shrank.files.resumed], [1, 0]);
  assert.equal(calls.init, 1);
  assert.equal(loadTrajectory(store, `claude-code:${id}`)!.turns.filter((t) => t.role === 'user').length, 1);

  // same length and more, but the first lines differ: not an append
  const edited = lines.map((l) => l.replace('number 0', 'NUMBER 0'));
  writeFileSync(path, jsonl(edited));
  const rewritten = await ingest(store, [path]);
  assert.deepEqual([rewritten.updated, rewritten.files.resumed], [1, 0]);
  assert.match(loadTrajectory(store, `claude-code:${id}`)!.turns[0]!.text, /NUMBER 0/);
  await store.close();
});

test('a Copilot mutation log that grew is replayed from the saved state and offset', async () => {
  const source = join(FIXTURES, 'copilot/workspaceStorage/0f3c9a1e5b7d/chatSessions/5e1f0000-aaaa-4aaa-8aaa-000000000001.jsonl');
  const text = readFileSync(source, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  assert.ok(lines.length >= 3, 'the fixture has an initial state and changes');
  const dir = tempDir();
  const path = join(dir, '5e1f0000-aaaa-4aaa-8aaa-000000000001.jsonl');
  writeFileSync(path, jsonl(lines.slice(0, 2)));
  const store = await openStore(dir);
  const first = await ingest(store, [path]);
  assert.equal(first.new + first.updated, 1, JSON.stringify(first.problems));
  assert.equal(fileRow(store, path)!.format, 'copilot-chatsession-jsonl');

  appendFileSync(path, jsonl(lines.slice(2)));
  const { readers, calls } = countingReaders();
  const second = await ingest(store, [path], { readers });
  assert.equal(second.files.resumed, 1);
  assert.equal(calls.feed, lines.length - 2);
  assert.equal(fileRow(store, path)!.byte_offset, statSync(path).size);

  const whole = await openStore();
  await ingest(whole, [path]);
  const [s] = listSessions(whole);
  assert.deepEqual(loadTrajectory(store, s!.key), loadTrajectory(whole, s!.key));
  await whole.close();
  await store.close();
});

test('a whole-file format is read again whole when it changes', async () => {
  const dir = tempDir();
  const path = join(dir, 'rollout-2025-05-01-typescript.json');
  copyFileSync(join(FIXTURES, 'codex/typescript-2025.json'), path);
  const store = await openStore(dir);
  const first = await ingest(store, [path]);
  assert.equal(first.new, 1, JSON.stringify(first.problems));
  const key = first.sessions[0]!.key;
  assert.equal(fileRow(store, path)!.byte_offset, 0, 'nothing to resume in a whole-file format');

  const json = JSON.parse(readFileSync(path, 'utf8')) as { items: Array<Record<string, unknown>> };
  json.items.push({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'And now rename the helper too' }] });
  writeFileSync(path, JSON.stringify(json));
  const { readers, calls } = countingReaders();
  const second = await ingest(store, [path], { readers });
  assert.deepEqual([second.updated, second.files.read, second.files.resumed], [1, 1, 0]);
  assert.equal(calls.read, 1);
  const prompts = loadTrajectory(store, key)!.turns.filter((t) => t.role === 'user').map((t) => t.text);
  assert.equal(prompts.at(-1), 'And now rename the helper too');
  await store.close();
});

test('a file not touched for longer than the resume window keeps no reader state and is re-read whole if it grows', async () => {
  const dir = tempDir();
  const id = 'dddd0000-0000-4000-8000-000000000004';
  const lines = claudeCodeLines({ sessionId: id, cwd: CWD, exchanges: 2 });
  const path = writeClaude(dir, id, lines.slice(0, 4));
  const old = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  utimesSync(path, old, old);
  const store = await openStore(dir);
  await ingest(store, [path]);
  assert.equal(fileRow(store, path)!.reader_state, null);

  appendFileSync(path, jsonl(lines.slice(4)));
  const { readers, calls } = countingReaders();
  const r = await ingest(store, [path], { readers });
  assert.deepEqual([r.updated, r.files.resumed], [1, 0]);
  assert.equal(calls.feed, 8, 'read from the start');
  assert.ok(fileRow(store, path)!.reader_state, 'it is live again: now its state is kept');
  await store.close();
});

test('a file that now fails keeps its stored sessions, other files are still read, and each problem is one line', async () => {
  const dir = tempDir();
  const good = writeClaude(dir, 'eeee0000-0000-4000-8000-000000000005', claudeCodeLines({ sessionId: 'eeee0000-0000-4000-8000-000000000005', cwd: CWD, exchanges: 2 }));
  const doomed = writeClaude(dir, 'ffff0000-0000-4000-8000-000000000006', claudeCodeLines({ sessionId: 'ffff0000-0000-4000-8000-000000000006', cwd: CWD, exchanges: 2 }));
  const store = await openStore(dir);
  await ingest(store, [dir]);
  const before = loadTrajectory(store, 'claude-code:ffff0000-0000-4000-8000-000000000006');
  assert.ok(before);

  writeFileSync(doomed, 'this is not a transcript any more\n{"half": \n');
  const later = writeClaude(dir, 'abab0000-0000-4000-8000-000000000007', claudeCodeLines({ sessionId: 'abab0000-0000-4000-8000-000000000007', cwd: CWD, exchanges: 1 }));
  const r = await ingest(store, [dir]);
  assert.deepEqual([r.new, r.updated, r.unchanged, r.failed], [1, 0, 1, 1]);
  assert.deepEqual(r.problems, [{ file: doomed, reason: 'not a recognized transcript format' }]);
  assert.deepEqual(r.sessions.find((s) => s.key === 'claude-code:ffff0000-0000-4000-8000-000000000006'), { key: 'claude-code:ffff0000-0000-4000-8000-000000000006', status: 'kept' });
  assert.deepEqual(loadTrajectory(store, 'claude-code:ffff0000-0000-4000-8000-000000000006'), before, 'the earlier session is kept as it was');
  assert.ok(loadTrajectory(store, 'claude-code:abab0000-0000-4000-8000-000000000007'));
  assert.equal(fileRow(store, later)!.status, 'ok');
  assert.equal(fileRow(store, good)!.status, 'ok');

  // unchanged since: not parsed again, but still reported
  const { readers, calls } = countingReaders();
  const again = await ingest(store, [dir], { readers });
  assert.equal(parses(calls), 0);
  assert.equal(again.failed, 1);
  assert.match(again.problems[0]!.reason, /not a recognized transcript format \(unchanged since the last run\)/);

  // fixed: read again and updated
  writeFileSync(doomed, jsonl(claudeCodeLines({ sessionId: 'ffff0000-0000-4000-8000-000000000006', cwd: CWD, exchanges: 3 })));
  const fixed = await ingest(store, [dir]);
  assert.deepEqual([fixed.updated, fixed.failed], [1, 0]);
  await store.close();
});

test('bad lines inside a readable file are reported with their line number and skipped', async () => {
  const dir = tempDir();
  const id = 'acac0000-0000-4000-8000-000000000008';
  const lines = claudeCodeLines({ sessionId: id, cwd: CWD, exchanges: 2 });
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(path, jsonl([...lines.slice(0, 4), '{"broken": ', ...lines.slice(4)]));
  const store = await openStore(dir);
  const r = await ingest(store, [path]);
  assert.deepEqual([r.new, r.failed], [1, 0]);
  assert.deepEqual(r.problems, [{ file: path, line: 5, reason: 'not valid JSON; line skipped' }]);
  assert.equal(loadTrajectory(store, `claude-code:${id}`)!.turns.filter((t) => t.role === 'user').length, 2);
  await store.close();
});

test('a named path that does not exist is a failure; the other targets are still read', async () => {
  const dir = tempDir();
  const path = writeClaude(dir, 'adad0000-0000-4000-8000-000000000009', claudeCodeLines({ sessionId: 'adad0000-0000-4000-8000-000000000009', cwd: CWD, exchanges: 1 }));
  const store = await openStore(dir);
  const r = await ingest(store, [join(dir, 'missing.jsonl'), path]);
  assert.deepEqual([r.new, r.failed], [1, 1]);
  assert.deepEqual(r.problems, [{ file: join(dir, 'missing.jsonl'), reason: 'no such file or folder' }]);
  await store.close();
});

test('a Codex session appended by a resume is updated from its offset', async () => {
  const dir = tempDir();
  const id = '0199b000-0000-7000-8000-00000000000a';
  const lines = codexLines({ sessionId: id, cwd: CWD, exchanges: 4 });
  const day = join(dir, '2026', '10', '01');
  mkdirSync(day, { recursive: true });
  const path = join(day, `rollout-2026-10-01T09-00-00-${id}.jsonl`);
  writeFileSync(path, jsonl(lines.slice(0, 7)));
  const store = await openStore(dir);
  await ingest(store, [dir]);
  appendFileSync(path, jsonl(lines.slice(7)));
  const { readers, calls } = countingReaders();
  const r = await ingest(store, [dir], { readers });
  assert.deepEqual([r.updated, r.files.resumed], [1, 1]);
  assert.equal(calls.feed, lines.length - 7);
  const t = loadTrajectory(store, `codex:${id}`)!;
  assert.equal(t.turns.filter((x) => x.role === 'user').length, 4);
  assert.equal(t.workspace, CWD);
  await store.close();
});

test('cancelling stops between files: what was read is stored, the rest is read by the next run', async () => {
  const dir = tempDir();
  for (let n = 1; n <= 4; n++) {
    const id = `cafe0000-0000-4000-8000-00000000000${n}`;
    writeClaude(dir, id, claudeCodeLines({ sessionId: id, cwd: CWD, exchanges: 1 }));
  }
  const store = await openStore(dir);
  const abort = new AbortController();
  const progress: number[] = [];
  const first = await ingest(store, [dir], {
    signal: abort.signal,
    onProgress: (p) => {
      progress.push(p.done);
      assert.equal(p.total, 4);
      if (p.done === 2) abort.abort();
    },
  });
  assert.equal(first.cancelled, true);
  assert.deepEqual(progress, [1, 2]);
  assert.equal(first.new, 2);
  const second = await ingest(store, [dir]);
  assert.deepEqual([second.new, second.unchanged, second.cancelled], [2, 2, false]);
  await store.close();
});

test('an unchanged session found in another file records where it now is', async () => {
  const dir = tempDir();
  const id = 'beef0000-0000-4000-8000-000000000001';
  const path = writeClaude(dir, id, claudeCodeLines({ sessionId: id, cwd: CWD, exchanges: 1 }));
  const store = await openStore(dir);
  await ingest(store, [path]);
  const moved = join(dir, 'moved.jsonl');
  copyFileSync(path, moved);
  const r = await ingest(store, [moved]);
  assert.deepEqual([r.new, r.updated, r.unchanged], [0, 0, 1]);
  assert.equal(listSessions(store)[0]!.path, moved);
  await store.close();
});
