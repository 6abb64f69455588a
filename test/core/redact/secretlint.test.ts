import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactText } from '../../../src/core/redact';
import { SKIPPED_RULES, secretlintReports } from '../../../src/core/redact/detectors/secretlint';
import { jwt, privateKey, token } from './planted';

const t = token;
const CORPUS = [
  `OPENAI_API_KEY=${t.openaiLegacy()}`,
  `ANTHROPIC_API_KEY=${t.anthropic()}`,
  `export GH=${t.githubClassic()} and ${t.githubFineGrained()}`,
  `slack ${t.slackBot()} ${t.slackWebhook()}`,
  `npm ${t.npm()}`,
  `sendgrid ${t.sendgrid()} shopify ${t.shopify()} linear ${t.linear()}`,
  `aws_secret_access_key = ${t.awsSecretAccessKey()}`,
  privateKey('RSA'),
  `https://deploy:Xq7vLm29Pz@ci.example.com/hook`,
  `postgres://app:Kd83Lq0Zx@db.internal:5432/main`,
  `mongodb+srv://admin:Wm4Rt8Yp2@cluster0.example.net/test`,
  `mysql://root:Hs72Jd9Qe@10.0.0.4/app`,
  `"repository": "https://${t.githubClassic('gho')}:x-oauth-basic@github.com/org/repo.git"`,
  `jwt ${jwt()} and plain prose, a sha 3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b`,
].join('\n\n');

test('the synchronous driver reports exactly what secretlint lintSource reports', async () => {
  const { lintSource } = await import('@secretlint/core');
  const { creator } = await import('@secretlint/secretlint-rule-preset-recommend');
  const disabled = (creator.rules ?? []).filter((r) => SKIPPED_RULES.includes(r.meta.id)).map((r) => ({ id: r.meta.id, rule: r, disabled: true }));
  assert.equal(disabled.length, SKIPPED_RULES.length, 'every skipped rule still exists in the preset');
  const result = await lintSource({
    // no file path: the text is a string, not a file, for secretlint as for our driver
    source: { content: CORPUS, filePath: undefined as unknown as string, ext: '.txt', contentType: 'text' },
    options: { config: { rules: [{ id: creator.meta.id, rule: creator, rules: disabled }] }, noPhysicFilePath: true },
  });
  const key = (ruleId: string, messageId: string, range: readonly number[]) => `${ruleId} ${messageId} ${range.join('-')}`;
  const expected = result.messages.map((m) => key(m.ruleId, m.messageId, m.range)).sort();
  const actual = [...new Set(secretlintReports(CORPUS).map((r) => key(r.ruleId, r.messageId, r.range)))].sort();
  assert.deepEqual(actual, expected);
  assert.ok(new Set(result.messages.map((m) => m.ruleId)).size >= 10, 'the corpus exercises most of the preset');
});

test('a secretlint-disable comment does not switch redaction off', () => {
  const gh = t.githubClassic();
  const out = redactText(`// secretlint-disable\nconst x = "${gh}";\n// secretlint-enable`);
  assert.ok(!out.includes(gh));
  assert.match(out, /\[REDACTED:github-token\]/);
});

test('secretlint ranges are narrowed to the secret itself', () => {
  const secret = t.awsSecretAccessKey();
  assert.equal(redactText(`AWS_SECRET_ACCESS_KEY=${secret}`), 'AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret-key]');
  const gho = t.githubClassic('gho');
  assert.equal(
    redactText(`"url": "https://${gho}:x-oauth-basic@github.com/org/repo.git"`),
    '"url": "https://[REDACTED:github-token]@github.com/org/repo.git"',
  );
});
