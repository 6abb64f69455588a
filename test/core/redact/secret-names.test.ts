import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName } from '../../../src/core/redact';
import { judgeName, mayBeSecretName, secretNameType } from '../../../src/core/redact/secret-names';

test('names that hold secrets', () => {
  for (const name of [
    'API_KEY', 'apiKey', 'X-Api-Key', 'APIKEY', 'GITHUB_TOKEN', 'access_token', 'refreshToken', '_authToken', 'auth',
    'AWS_SECRET_ACCESS_KEY', 'client_secret', 'SECRET_KEY_BASE', 'credentials', 'STRIPE_KEY', 'private_key', 'Cookie',
    'spring.datasource.password', 'secrets.GITHUB_TOKEN',
  ]) {
    assert.ok(isSecretName(name), name);
  }
});

test('password-like names are typed as passwords', () => {
  for (const name of ['password', 'DB_PASSWORD', 'PGPASSWORD', 'passwd', 'db_pass', 'pwd', 'passphrase', 'userPassword']) {
    assert.equal(secretNameType(name), 'password', name);
  }
  assert.equal(secretNameType('API_KEY'), 'env-secret');
});

test('names that only talk about secrets, or are keys of another kind', () => {
  for (const name of [
    'key', 'max_tokens', 'input_tokens', 'token_count', 'tokenizer', 'token_type', 'password_min_length', 'secret_name',
    'api_key_env', 'primary_key', 'public_key', 'sort_key', 'aws_access_key_id', 'keyboard', 'PrivateKeyword', 'author',
    'next_page_token', 'token.indent', 'password.length', 'passengers', 'monkey',
  ]) {
    assert.ok(!isSecretName(name), name);
  }
});

test('the word filter in front of the name rules lets through every name the rules call secret', () => {
  // every word the rules know, in several cases, beside neutral ones and letters that lower-case oddly (the Kelvin sign)
  const words = ['Pass', 'PASS', 'word', 'pwd', 'Secret', 'TOKEN', 'key', 'Key', '\u212Aey', 'auth', 'credential', 'Cookie',
    'API', 'private', 'access', 'phrase', 'id', 'İ', '9'];
  const separators = ['', '_', '.', 'X'];
  let secret = 0;
  const check = (name: string) => {
    const type = judgeName(name);
    if (type === undefined) return;
    secret++;
    assert.ok(mayBeSecretName(name), `the filter would skip ${JSON.stringify(name)}, a ${type} name`);
    assert.equal(secretNameType(name), type, name);
  };
  for (const a of words) {
    check(a);
    for (const s1 of separators) {
      for (const b of words) {
        check(a + s1 + b);
        for (const s2 of separators) for (const c of words) check(a + s1 + b + s2 + c);
      }
    }
  }
  assert.ok(secret > 5_000, `only ${secret} secret names were generated`);
});
