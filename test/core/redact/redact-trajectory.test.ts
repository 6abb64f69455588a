import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactJsonValue, redactText, redactTogether, redactTrajectory } from '../../../src/core/redact';
import type { Trajectory } from '../../../src/core/transcripts/model';
import { privateKey, token } from './planted';

const gh = token.githubClassic();
const userKey = token.generic(60);
const bearer = token.generic(61);
const nestedKey = token.generic(62);
const pem = privateKey('EC', 63);
const basic = Buffer.from('ada:Wq8Zt3Lp').toString('base64');

function sample(): Trajectory {
  return {
    source: 'claude-code',
    format: 'claude-code-jsonl',
    sessionId: 'session-1',
    title: `deploy with ${gh}`,
    workspace: 'https://ada:Wq8Zt3Lp@git.example.com/org/password-tools',
    model: 'some-model',
    startedAt: '2025-01-01T00:00:00Z',
    turns: [
      { role: 'user', text: `use API_KEY=${userKey} for the call`, timestamp: '2025-01-01T00:00:01Z', toolCalls: [] },
      {
        role: 'assistant',
        text: 'Calling the API now.',
        toolCalls: [
          {
            name: 'Bash',
            input: { command: `curl -H "Authorization: Bearer ${bearer}" https://api.example.com`, description: 'call the api' },
            output: `ok\n${pem}\n`,
          },
          {
            name: 'mcp__http__request',
            input: {
              request: {
                headers: { Authorization: `Basic ${basic}`, 'X-Trace': 'abc' },
                body: {
                  user: 'ada',
                  password: 'hunter2',
                  pin: { password: 123456 },
                  empty: { password: '' },
                  fromEnv: { token: '${GITHUB_TOKEN}' },
                  tokens: 5,
                  max_tokens: 100,
                  list: [{ api_key: nestedKey }, 'plain', `in an array ${gh}`],
                },
              },
              retries: 3,
              enabled: true,
              nothing: null,
            },
            isError: false,
          },
          { name: 'Note', input: 'a string input with password=hunter22x inside' },
        ],
      },
    ],
  };
}

test('redacts turn text, tool inputs at any depth, outputs, the title and workspace credentials', () => {
  const original = sample();
  const before = structuredClone(original);
  const r = redactTrajectory(original);
  assert.deepEqual(original, before, 'the input trajectory is not modified');

  assert.equal(r.title, 'deploy with [REDACTED:github-token]');
  assert.equal(r.workspace, 'https://[REDACTED:url-credentials]@git.example.com/org/password-tools');
  assert.equal(r.turns[0]!.text, 'use API_KEY=[REDACTED:env-secret] for the call');
  assert.equal(r.turns[0]!.timestamp, '2025-01-01T00:00:01Z');

  const [bash, http, note] = r.turns[1]!.toolCalls;
  assert.deepEqual(bash!.input, { command: 'curl -H "Authorization: Bearer [REDACTED:bearer-token]" https://api.example.com', description: 'call the api' });
  assert.equal(bash!.output, 'ok\n[REDACTED:private-key]\n');
  assert.deepEqual(http!.input, {
    request: {
      headers: { Authorization: '[REDACTED:basic-auth]', 'X-Trace': 'abc' },
      body: {
        user: 'ada',
        password: '[REDACTED:password]',
        pin: { password: '[REDACTED:password]' },
        empty: { password: '' },
        fromEnv: { token: '${GITHUB_TOKEN}' },
        tokens: 5,
        max_tokens: 100,
        list: [{ api_key: '[REDACTED:env-secret]' }, 'plain', 'in an array [REDACTED:github-token]'],
      },
    },
    retries: 3,
    enabled: true,
    nothing: null,
  });
  assert.equal(http!.isError, false);
  assert.equal(note!.input, 'a string input with password=[REDACTED:password] inside');
  assert.ok(!('output' in note!), 'absent fields stay absent');

  const all = JSON.stringify(r);
  for (const secret of [gh, userKey, bearer, nestedKey, basic, 'hunter2', 'Wq8Zt3Lp', '123456']) assert.ok(!all.includes(secret), `${secret} survived`);
  assert.deepEqual(redactTrajectory(r), r, 'redacting twice changes nothing');
});

test('fields with nothing secret are kept as they are; a workspace path is not rewritten', () => {
  const t: Trajectory = {
    source: 'codex',
    format: 'codex-rollout',
    sessionId: 's',
    workspace: '/home/ada/src/password-store',
    turns: [{ role: 'user', text: 'token_count=5 and reset your password', toolCalls: [{ name: 'x', input: undefined }] }],
  };
  const r = redactTrajectory(t);
  assert.deepEqual(r, t);
  assert.ok(!('title' in r));
});

test('redactJsonValue walks arrays and objects and matches redactText on plain strings', () => {
  const text = `key ${gh}`;
  assert.equal(redactJsonValue(text), redactText(text));
  assert.deepEqual(redactJsonValue([text, { secret: 'Zk39Qw81Lm', n: 1 }]), ['key [REDACTED:github-token]', { secret: '[REDACTED:env-secret]', n: 1 }]);
  assert.equal(redactJsonValue(42), 42);
});

test('redacting sessions and a reader state together gives what redacting each alone gives', () => {
  const t = sample();
  const other: Trajectory = { ...sample(), sessionId: 'session-2', title: 'no secret here' };
  // a state that repeats the sessions' text, keys that name secrets, and strings of its own
  const state = {
    entries: t.turns.map((turn, i) => ({ line: i + 1, text: turn.text, calls: turn.toolCalls.map((c) => ({ input: c.input, output: c.output })) })),
    links: { 'uuid-2': [null, 'uuid-1'], 'uuid-1': [null, null] },
    apiKey: 12345,
    headers: { Authorization: `Bearer ${bearer}` },
    title: t.title,
    note: `and ${pem}`,
  };
  const together = redactTogether([t, other], [state, t.title]);
  assert.deepEqual(together.trajectories, [redactTrajectory(t), redactTrajectory(other)]);
  assert.deepEqual(together.values, [redactJsonValue(state), redactJsonValue(t.title)]);
  const text = JSON.stringify(together);
  for (const secret of [gh, userKey, bearer, nestedKey, pem.split('\n')[1]!]) assert.ok(!text.includes(secret), `${secret.slice(0, 12)}… leaked`);
});

test('a JSON value nested far deeper than any real one is redacted without recursion limits; below the cap it becomes redacted text', () => {
  let v: unknown = { password: 'Zq7-deep-hunter-value', token: 'ghp_' + 'a1B2'.repeat(9) };
  for (let i = 0; i < 20_000; i++) v = i % 2 === 0 ? [v] : { a: v };
  const out = redactJsonValue(v);
  let depth = 0;
  let at: unknown = out;
  while (typeof at === 'object' && at !== null) {
    at = Array.isArray(at) ? at[0] : (at as Record<string, unknown>).a;
    depth++;
  }
  assert.equal(typeof at, 'string', 'the deep rest is one string');
  assert.ok(depth < 1000, `capped: ${depth}`);
  assert.doesNotMatch(String(at), /Zq7-deep-hunter-value|a1B2a1B2/);
  assert.doesNotThrow(() => JSON.stringify(out));
});
