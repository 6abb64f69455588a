import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError } from '../../../src/core/errors';
import { describeLlmConfig } from '../../../src/core/llm/config';
import { LlmError } from '../../../src/core/llm/errors';
import { reply } from '../../support/openai-server';
import { API_KEY, ask, goodSkill, rig, skillSchema } from './helpers';

test('the key is sent to the endpoint, and appears in no error message and no log line', async (t) => {
  const r = await rig(t, { limits: { maxRetries: 1 } });
  const echo = `Incorrect API key provided: ${API_KEY}. You can find your API key at https://example.invalid`;
  const seen: string[] = [];
  const collect = (e: unknown) => {
    assert.ok(e instanceof LlmError, String(e));
    seen.push(e.message, e.describe(), describeError(e), e.reason, String(e), e.stack ?? '');
    return e;
  };

  r.server.enqueue(reply.error(401, echo));
  const auth = collect(await ask(r.client).catch((x: unknown) => x));
  assert.match(auth.message, /Incorrect API key provided: \[redacted\]\./);

  r.server.enqueue(reply.rateLimited({ retryAfter: '1' }), reply.rateLimited({ retryAfter: '1', message: `slow down ${API_KEY}` }));
  r.server.enqueue(reply.error(500, `upstream said ${API_KEY}`), reply.error(500, `upstream said ${API_KEY}`));
  collect(await ask(r.client).catch((x: unknown) => x));
  collect(await ask(r.client).catch((x: unknown) => x));

  r.server.enqueue(reply.text(`not json, but here is a key: ${API_KEY}`), reply.text('still not json'));
  collect(await ask(r.client).catch((x: unknown) => x));

  assert.ok(r.server.requests.every((q) => q.headers.authorization === `Bearer ${API_KEY}`), 'the key did go where it belongs');
  assert.ok(r.logs.length >= 3, 'retries and the repair were logged');
  assert.ok(r.logs.some((l) => l.includes('upstream said [redacted]')), r.logs.join('\n'));
  assert.ok(seen.some((l) => l.includes('slow down [redacted]')));
  for (const line of [...seen, ...r.logs, describeLlmConfig(r.config)]) assert.ok(!line.includes(API_KEY), `leaked in: ${line}`);
});

test('OPENAI_* variables are not read: no stray key or organization goes to our endpoint', async (t) => {
  const saved = { key: process.env.OPENAI_API_KEY, org: process.env.OPENAI_ORG_ID, base: process.env.OPENAI_BASE_URL };
  process.env.OPENAI_API_KEY = 'sk-env-should-not-travel';
  process.env.OPENAI_ORG_ID = 'org-should-not-travel';
  process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
  t.after(() => {
    for (const [name, value] of [['OPENAI_API_KEY', saved.key], ['OPENAI_ORG_ID', saved.org], ['OPENAI_BASE_URL', saved.base]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const r = await rig(t, { config: { apiKey: undefined } });
  r.server.enqueue(reply.json(goodSkill));
  await ask(r.client);
  const headers = r.server.requests[0]!.headers;
  assert.equal(headers.authorization, undefined);
  assert.equal(headers['openai-organization'], undefined);
});

test('a secret in a prompt, an embedded text or a reply sent back for repair never reaches the endpoint: checked just before sending', async (t) => {
  const r = await rig(t, { config: { embeddings: { model: 'embed-model' } } });
  const planted = ['ghp_', 'R8sT2uVw4XyZ6aB8cD0eF2gH4iJ6kL8mN0pQ'].join('');
  const password = 'Tr0ub4dor&3xyzzy';
  r.server.enqueue(reply.text(`not json; by the way DB_PASSWORD=${password}`), reply.json(goodSkill));
  await r.client.chatJson({ stage: 'test', system: `system ${planted}`, user: `my password is ${password} and the token ${planted}`, schema: skillSchema });
  r.server.enqueue(reply.embeddings([[1, 0]]));
  await r.client.embed!({ stage: 'test', texts: [`export GITHUB_TOKEN=${planted}`] });
  assert.equal(r.server.requests.length, 3);
  for (const q of r.server.requests) {
    const body = JSON.stringify(q.body);
    assert.ok(!body.includes(planted) && !body.includes(password) && !body.includes('3xyzzy'), `leaked in ${body}`);
    assert.match(body, /\[REDACTED:/);
  }
});
