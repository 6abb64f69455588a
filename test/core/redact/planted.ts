/**
 * Secrets for tests, assembled at run time from split prefixes and a seeded generator, so that this
 * repository contains nothing a secret scanner would (rightly) flag.
 */
import type { SecretType } from '../../../src/core/redact';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = ALNUM + '+/';
const BASE64URL = ALNUM + '-_';

/** Deterministic: the same seed gives the same string, so failures reproduce. */
export function randomString(alphabet: string, length: number, seed: number): string {
  let state = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  // a generated token without a digit would be an unfair test of the "looks generated" rule
  return /\d/.test(out) || !/\d/.test(alphabet) ? out : out.slice(0, -1) + '7';
}

const join = (...parts: string[]) => parts.join('');

export const token = {
  openaiLegacy: () => join('s', 'k-', randomString(ALNUM, 20, 11), 'T3Blbk', 'FJ', randomString(ALNUM, 20, 12)),
  openaiProject: () => join('s', 'k-', 'proj-', randomString(BASE64URL, 48, 13), randomString(ALNUM, 8, 14)),
  anthropic: () => join('s', 'k-', 'ant-', 'api03-', randomString(BASE64URL, 93, 15), 'AA'),
  githubClassic: (kind: 'ghp' | 'gho' | 'ghs' | 'ghu' | 'ghr' = 'ghp') => join(kind, '_', randomString(ALNUM, 36, 16)),
  githubFineGrained: () => join('github', '_pat_', randomString(ALNUM, 22, 17), '_', randomString(ALNUM, 59, 18)),
  slackBot: () => join('xo', 'xb-', randomString('0123456789', 12, 19), '-', randomString('0123456789', 13, 20), '-', randomString(ALNUM, 24, 21)),
  slackUser: () => join('xo', 'xp-', randomString('0123456789', 11, 22), '-', randomString('0123456789', 12, 23), '-', randomString(ALNUM, 32, 24)),
  slackWebhook: () => join('https://hooks.', 'slack.com/services/T', randomString(UPPER_DIGITS, 10, 25), '/B', randomString(UPPER_DIGITS, 10, 26), '/', randomString(ALNUM, 24, 27)),
  awsAccessKeyId: () => join('AK', 'IA', randomString(UPPER_DIGITS, 16, 28)),
  awsSecretAccessKey: () => randomString(BASE64, 40, 29),
  google: () => join('AI', 'za', randomString(BASE64URL, 35, 30)),
  stripeLive: () => join('s', 'k_', 'live_', randomString(ALNUM, 24, 31)),
  npm: () => join('np', 'm_', randomString(ALNUM, 36, 32)),
  sendgrid: () => join('S', 'G.', randomString(ALNUM, 22, 33), '.', randomString(ALNUM, 43, 34)),
  shopify: () => join('shp', 'at_', randomString('abcdef0123456789', 32, 35)),
  linear: () => join('lin', '_api_', randomString(ALNUM, 40, 36)),
  generic: (seed = 37) => randomString(ALNUM, 32, seed),
};

export function jwt(): string {
  const b64url = (s: string) => Buffer.from(s).toString('base64url');
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: 'user-42', name: 'Ada', iat: 1700000000 }));
  return `${header}.${payload}.${randomString(BASE64URL, 43, 38)}`;
}

export type PemKind = 'RSA' | 'EC' | 'DSA' | 'OPENSSH' | 'ENCRYPTED' | '' | 'PGP';

/** A private key block; the body starts as real ones do (`MII…` for DER, the OpenSSH magic otherwise). */
export function privateKey(kind: PemKind, seed = 40): string {
  const label = kind === 'PGP' ? 'PGP PRIVATE KEY BLOCK' : kind === '' ? 'PRIVATE KEY' : `${kind} PRIVATE KEY`;
  const magic = kind === 'OPENSSH' ? 'b3BlbnNzaC1rZXktdjEAAAAA' : 'MIIEowIBAAKCAQEA';
  const body = magic + randomString(BASE64, 64 * 6, seed);
  const lines = body.match(/.{1,64}/g)!.join('\n');
  return `${dashes('BEGIN', label)}\n${lines}\n${dashes('END', label)}`;
}

/** An encrypted legacy PEM with armor headers between the marker and the body. */
export function encryptedRsaKey(): string {
  const headers = `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${randomString('0123456789ABCDEF', 32, 41)}\n\n`;
  const body = randomString(BASE64, 64 * 5, 42).match(/.{1,64}/g)!.join('\n');
  return `${dashes('BEGIN', 'RSA PRIVATE KEY')}\n${headers}${body}\n${dashes('END', 'RSA PRIVATE KEY')}`;
}

function dashes(word: 'BEGIN' | 'END', label: string): string {
  const five = '-'.repeat(5);
  return `${five}${word} ${label}${five}`;
}

/** One planted secret: the text it sits in, the secret itself, and the placeholder it must become. */
export interface Planted {
  name: string;
  text: string;
  secret: string;
  type: SecretType;
  /** The exact redacted text, when the test pins it. */
  expected?: string;
}
