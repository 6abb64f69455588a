import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { checkJsonReply, jsonInstruction } from '../../../src/core/llm/json-output';

const schema = z.object({ intent: z.string().max(10), tags: z.array(z.string()).min(1) });
const good = { intent: 'fix build', tags: ['ci'] };

test('plain JSON, fenced JSON, JSON after reasoning or prose are all read', () => {
  const body = JSON.stringify(good);
  for (const text of [body, `\`\`\`json\n${body}\n\`\`\``, `\`\`\`\n${body}\n\`\`\``, `<think>the user wants…{not this}</think>\n${body}`, `Here it is:\n${body}\nHope that helps.`]) {
    assert.deepEqual(checkJsonReply(text, schema), { ok: true, value: good }, text);
  }
});

test('problems are described so a model can fix them', () => {
  assert.deepEqual(checkJsonReply('no json here', schema), { ok: false, problem: 'the reply holds no JSON value' });
  const broken = checkJsonReply('{"intent": "x", "tags": [}', schema);
  assert.equal(broken.ok, false);
  assert.match((broken as { problem: string }).problem, /^the reply is not valid JSON \(/);
  const wrong = checkJsonReply(JSON.stringify({ intent: 'far too long an intent', tags: [3] }), schema);
  assert.equal(wrong.ok, false);
  assert.match((wrong as { problem: string }).problem, /^the JSON does not match the schema: intent: Too big.*; tags\[0\]: Invalid input: expected string, received number$/);
  const cut = checkJsonReply('{"intent": "x", "ta', schema, 'length');
  assert.match((cut as { problem: string }).problem, /^the reply was cut off at the output token limit, so the reply is not valid JSON/);
});

test('the instruction carries the JSON Schema of the same schema that checks the reply', () => {
  const text = jsonInstruction(schema);
  const shape = JSON.parse(text.slice(text.indexOf('{')));
  assert.deepEqual(shape.required, ['intent', 'tags']);
  assert.equal(shape.properties.intent.maxLength, 10);
  assert.equal(shape.$schema, undefined, 'no token spent on the meta-schema URL');
  assert.equal(jsonInstruction(schema), text, 'cached per schema');
});

test('a schema JSON Schema cannot express still gets an instruction, without the shape', () => {
  const text = jsonInstruction(z.custom<string>((v) => typeof v === 'string'));
  assert.match(text, /^Answer with one JSON value and nothing else/);
});
