import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findSecrets, redactJsonValue, redactText } from '../../../src/core/redact';

const SAMPLES = resolve(__dirname, '../../../../shared/transcripts');
const TEXT_FILE = /\.(?:jsonl|json|md)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return TEXT_FILE.test(name) ? [p] : [];
  });
}

const available = existsSync(SAMPLES);
const skip = available ? false : `real transcript samples not found at ${SAMPLES}`;

test('real transcripts: redaction is idempotent and leaves nothing findable', { skip }, () => {
  const paths = files(SAMPLES);
  assert.ok(paths.length > 0);
  for (const p of paths) {
    const out = redactText(readFileSync(p, 'utf8'));
    assert.equal(redactText(out), out, `${p}: redacting twice changes nothing`);
    assert.deepEqual(findSecrets(out), [], `${p}: nothing left to find`);
  }
});

test('real transcripts: every JSONL record stays valid JSON after redaction', { skip }, () => {
  for (const p of files(SAMPLES).filter((f) => f.endsWith('.jsonl'))) {
    for (const [i, line] of readFileSync(p, 'utf8').split('\n').entries()) {
      if (line.trim() === '') continue;
      const redacted = redactJsonValue(JSON.parse(line));
      assert.deepEqual(JSON.parse(JSON.stringify(redacted)), redacted, `${p}:${i + 1}`);
      assert.deepEqual(redactJsonValue(redacted), redacted, `${p}:${i + 1}: idempotent`);
    }
  }
});

test('real transcripts: an OpenAI key leaked in a public session is removed', { skip }, (t) => {
  const leaky = files(SAMPLES).map((p) => readFileSync(p, 'utf8')).filter((s) => /sk-proj-[A-Za-z0-9_-]{40,}/.test(s));
  if (leaky.length === 0) {
    t.skip('no sample carries a leaked key');
    return;
  }
  for (const text of leaky) assert.doesNotMatch(redactText(text), /sk-proj-[A-Za-z0-9_-]{20,}/);
});
