import type { SecretType } from './types';

/** Words that make a name secret inside any one part of it: `PGPASSWORD`, `clientsecret`, `credentials`. */
const PASSWORD_WORDS = /passw|passphrase/;
const SECRET_WORDS = /secret|credential/;
/** Compounds that must be whole parts (`apiKey`, `APIKEY`, `private_key`), so that `PrivateKeyword` is not one. */
const SECRET_COMPOUNDS = /(?:^|_)(?:api_?key|private_?key|access_?key|auth_?token|api_?token|access_?token)(?:_|$)/;

/** Whole name parts that make a name secret: `access_token`, `auth`, `Authorization`, `Cookie`. */
const SECRET_PARTS = new Set(['token', 'auth', 'authorization', 'cookie']);

/**
 * Parts that turn a secret-sounding name into metadata about the secret (`password_min_length`,
 * `token_type`, `max_tokens` is already safe), or name a key that is not a credential (`primary_key`).
 */
const NOT_SECRET_PARTS = new Set([
  'id', 'ids', 'name', 'names', 'type', 'types', 'kind', 'url', 'uri', 'urls', 'endpoint', 'path', 'file', 'files',
  'dir', 'env', 'var', 'vars', 'field', 'fields', 'label', 'hint', 'prompt', 'placeholder', 'policy', 'length', 'len',
  'min', 'max', 'count', 'counts', 'limit', 'limits', 'size', 'budget', 'usage', 'used', 'total', 'input', 'output',
  'completion', 'cache', 'cached', 'reasoning', 'estimate', 'expiry', 'expires', 'expiration', 'expired', 'ttl',
  'timeout', 'created', 'updated', 'at', 'reset', 'required', 'enabled', 'disabled', 'mode', 'method', 'methods',
  'provider', 'providers', 'strategy', 'format', 'pattern', 'regex', 'rule', 'rules', 'strength', 'header',
  'headers', 'param', 'params', 'page', 'next', 'cursor', 'continuation', 'public', 'primary', 'foreign', 'sort',
  'partition', 'index', 'version', 'location', 'storage', 'manager', 'helper', 'handler', 'schema', 'column',
  'row', 'message', 'error', 'errors', 'validation', 'validator', 'idempotency', 'lookup', 'map', 'dict', 'object',
  'bucket', 'registry', 'locale', 'translation', 'hot', 'prefix', 'suffix', 'scheme', 'scope', 'scopes',
  'audience', 'issuer', 'algorithm', 'alg', 'bits', 'stream', 'display', 'form', 'button', 'dialog', 'modal',
  'link', 'command', 'cmd', 'source', 'sources',
]);

/** Splits `AWS_SECRET_ACCESS_KEY`, `apiKey`, `X-Api-Key`, `spring.datasource.password` into lower-case parts. */
export function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p.length > 0);
}

/** True when a variable, key, header or parameter with this name holds a secret. */
export function isSecretName(name: string): boolean {
  return secretNameType(name) !== undefined;
}

/** Names repeat endlessly (every key of every JSON object walked), so each is judged once. */
const judged = new Map<string, SecretType | undefined>();
const JUDGED_MAX = 50_000;

/**
 * Every secret name holds one of these words once lower-cased (each rule below needs a part that contains
 * one), so a name without any is not secret. Most names walked (ids as keys, `command`, `text`) are settled
 * by this alone, without filling the cache below.
 */
const SECRET_NAME_WORDS = /pass|pwd|secret|token|key|auth|credential|cookie/;

export function mayBeSecretName(name: string): boolean {
  return SECRET_NAME_WORDS.test(name.toLowerCase());
}

/** `password` for password-like names, `env-secret` for other secret names, undefined when not secret. */
export function secretNameType(name: string): SecretType | undefined {
  if (!mayBeSecretName(name)) return undefined;
  const known = judged.get(name);
  if (known !== undefined || judged.has(name)) return known;
  if (judged.size >= JUDGED_MAX) judged.clear();
  const type = judgeName(name);
  judged.set(name, type);
  return type;
}

/** The rules themselves, without the word filter or the cache (exported for the test that the filter loses nothing). */
export function judgeName(name: string): SecretType | undefined {
  const parts = lastNameParts(name);
  if (parts.length === 0 || parts.some((p) => NOT_SECRET_PARTS.has(p))) return undefined;
  return secretWordType(parts);
}

/**
 * How a name that holds a secret word beside a part that usually makes it metadata is judged
 * (`password_min_length`, but also `REDIS_CACHE_PASSWORD`, `AZURE_STORAGE_KEY`): the harmless part never
 * settles it, the value does. `word` names (a password, secret, token or auth word) hold a secret unless
 * the value is plainly metadata; `key` names (`primary_key`, `STREAM_KEY`) when the value looks generated.
 */
export interface WeakSecretName {
  type: SecretType;
  strength: 'word' | 'key';
}

const weaklyJudged = new Map<string, WeakSecretName | undefined>();

/** The judgement for a name `secretNameType` calls harmless only because of a metadata part; undefined otherwise. */
export function weakSecretName(name: string): WeakSecretName | undefined {
  if (!mayBeSecretName(name)) return undefined;
  const known = weaklyJudged.get(name);
  if (known !== undefined || weaklyJudged.has(name)) return known;
  if (weaklyJudged.size >= JUDGED_MAX) weaklyJudged.clear();
  const parts = lastNameParts(name);
  let judged: WeakSecretName | undefined;
  if (parts.some((p) => NOT_SECRET_PARTS.has(p))) {
    const type = secretWordType(parts);
    if (type) judged = { type, strength: hasSecretWord(parts) ? 'word' : 'key' };
  }
  weaklyJudged.set(name, judged);
  return judged;
}

// `spring.datasource.password` is a password, `token.indent` and `password.length` are not
function lastNameParts(name: string): string[] {
  return nameParts(name.slice(name.lastIndexOf('.') + 1));
}

function hasSecretWord(parts: readonly string[]): boolean {
  return parts.some((p) => PASSWORD_WORDS.test(p) || p === 'pass' || p === 'pwd' || SECRET_WORDS.test(p) || SECRET_PARTS.has(p));
}

function secretWordType(parts: readonly string[]): SecretType | undefined {
  if (parts.some((p) => PASSWORD_WORDS.test(p) || p === 'pass' || p === 'pwd')) return 'password';
  if (parts.some((p) => SECRET_WORDS.test(p) || SECRET_PARTS.has(p))) return 'env-secret';
  if (SECRET_COMPOUNDS.test(parts.join('_'))) return 'env-secret';
  // `api_key`, `STRIPE_KEY`, `licenseKey`; a bare `key` is too generic to mean a secret
  if (parts.length >= 2 && parts[parts.length - 1] === 'key') return 'env-secret';
  return undefined;
}
