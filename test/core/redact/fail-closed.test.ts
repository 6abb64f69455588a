import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSecrets, redactJsonValue, redactText, redactTrajectory } from '../../../src/core/redact';
import type { Trajectory } from '../../../src/core/transcripts/model';
import { randomString } from './planted';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const gen = (n: number, seed: number, alphabet = ALNUM) => randomString(alphabet, n, seed);
const join = (...parts: string[]) => parts.join('');

/** No piece of the secret (split at its punctuation) of four or more characters is left: no prefix, no tail. */
function assertGone(out: string, secret: string, where: string): void {
  assert.ok(!out.includes(secret), `${where}: the secret survived in ${out}`);
  const text = out.replace(/\[REDACTED:[a-z0-9-]+\]/g, '');
  for (const piece of secret.split(/[^A-Za-z0-9]+/).filter((p) => p.length >= 4)) {
    assert.ok(!text.includes(piece), `${where}: "${piece}" of the secret survived in ${out}`);
  }
}

const pw = 'Tr0ub4dor&3xyzzy';
const plain = 'Kq8vRz2mWx4n';

test('a password, secret, token or key word is never overridden by a harmless-sounding part of the name', () => {
  for (const name of ['REDIS_CACHE_PASSWORD', 'PRIMARY_DB_PASSWORD', 'SOURCE_DB_PASSWORD', 'DOCKER_REGISTRY_PASSWORD', 'AZURE_STORAGE_KEY', 'STREAM_KEY', 'SECRET_ENV']) {
    const text = `${name}=${plain} npm run deploy`;
    assertGone(redactText(text), plain, name);
    assertGone(redactText(`${name}=${plain}\n`), plain, `${name} in a .env`);
    assertGone(JSON.stringify(redactJsonValue({ [name]: plain })), plain, `${name} as a JSON key`);
  }
});

test('the whole value is redacted, never a prefix', () => {
  for (const text of [
    `DATABASE_PASSWORD=${pw}`,
    `DATABASE_PASSWORD=${pw} npm start`,
    `cd app && DATABASE_PASSWORD=${pw} npm start`,
    `export DATABASE_PASSWORD=${pw}`,
    `mysql --password=${pw} shop`,
  ]) {
    assertGone(redactText(text), pw, text);
  }
  // shell operators after the value still end it
  assert.equal(redactText(`DB_PASSWORD=${plain} && npm test`), 'DB_PASSWORD=[REDACTED:password] && npm test');
});

test('credentials on the command lines of common tools', () => {
  const cases: Array<[string, string]> = [
    [`mysql -uroot -p${plain} shop`, plain],
    [`mysqldump -u root -p'${pw}' shop > dump.sql`, pw],
    [`sshpass -p '${pw}' ssh deploy@host`, pw],
    [`sshpass -p ${plain} scp a host:b`, plain],
    [`curl -fsS -u deployer:${plain} https://ci.example.com/job`, plain],
    [`curl --user "deployer:${pw}" https://ci.example.com/job`, pw],
    [`wget --password=${plain} https://files.example.com/a`, plain],
    [`PGPASSWORD=${plain} psql -h db -U app`, plain],
    [`docker login -u ci -p ${plain} registry.example.com`, plain],
    [`docker login --username ci --password ${plain} registry.example.com`, plain],
    [`echo ${plain} | docker login --password-stdin -u ci`, ''],
    [`redis-cli -h cache -a ${plain} ping`, plain],
    [`mongosh -u admin -p ${plain} --authenticationDatabase admin`, plain],
    [`htpasswd -b .htpasswd admin ${plain}`, plain],
    [`az login --service-principal -u app -p ${plain} --tenant t`, plain],
    [`smbclient //srv/share -U ada%${plain}`, plain],
    [`net use Z: \\\\srv\\share /user:ada ${plain}`, plain],
    [`ldapsearch -D cn=admin -w ${plain} -b dc=x`, plain],
    [`openssl pkcs12 -export -passout pass:${plain} -out a.p12`, plain],
    [`git -c http.extraheader="AUTHORIZATION: basic ${Buffer.from(`u:${plain}`).toString('base64')}" clone x`, Buffer.from(`u:${plain}`).toString('base64')],
  ];
  for (const [text, secret] of cases) {
    if (secret === '') continue; // --password-stdin holds nothing
    assertGone(redactText(text), secret, text);
  }
  // ports, folders and other -p flags are not passwords
  for (const text of ['docker run -p 8080:80 app', 'ssh -p 2222 host', 'mkdir -p build/out', 'python -m pytest -p no:cacheprovider', 'git add -p', 'curl -u "$USER:$PASS" https://x']) {
    assert.equal(redactText(text), text, text);
  }
});

const TOKENS: Array<[string, string]> = [
  ['twilio api key', join('S', 'K', gen(32, 101, HEX))],
  ['twilio auth token', `TWILIO_AUTH_TOKEN=${gen(32, 102, HEX)}`],
  ['discord bot token', join('M', gen(23, 103), '.', gen(6, 104), '.', gen(27, 105))],
  ['discord webhook', join('https://discord.com/api/web', 'hooks/', '1234567890123456789', '/', gen(68, 106))],
  ['telegram bot token', join('123456789', ':AA', gen(33, 107))],
  ['gitlab token', join('glp', 'at-', gen(20, 108))],
  ['mailgun key', join('key', '-', gen(32, 109, HEX))],
  ['mailchimp key', join(gen(32, 110, HEX), '-us', '12')],
  ['square token', join('sq0', 'atp-', gen(22, 111))],
  ['pypi token', join('pypi', '-AgEIcHlwaS5vcmc', gen(60, 112))],
  ['digitalocean token', join('dop', '_v1_', gen(64, 113, HEX))],
  ['doppler token', join('dp', '.pt.', gen(43, 114))],
  ['databricks token', join('dap', 'i', gen(32, 115, HEX))],
  ['grafana token', join('gl', 'sa_', gen(32, 116), '_', gen(8, 117, HEX))],
  ['vault token', join('hv', 's.', gen(90, 118))],
  ['supabase token', join('sb', 'p_', gen(40, 119, HEX))],
  ['postman key', join('PM', 'AK-', gen(24, 120, HEX), '-', gen(34, 121, HEX))],
  ['new relic key', join('NR', 'AK-', gen(27, 122, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'))],
  ['age secret key', join('AGE-', 'SECRET-KEY-1', gen(58, 123, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'))],
  ['docker hub token', join('dck', 'r_pat_', gen(27, 124))],
  ['tailscale key', join('tsk', 'ey-auth-', gen(12, 125), '-', gen(32, 126))],
  ['sentry token', join('sntr', 'ys_', gen(120, 127))],
  ['pulumi token', join('pu', 'l-', gen(40, 128, HEX))],
  ['groq key', join('gs', 'k_', gen(52, 129))],
  ['xai key', join('xa', 'i-', gen(80, 130))],
  ['perplexity key', join('ppl', 'x-', gen(48, 131, HEX))],
  ['replicate token', join('r', '8_', gen(37, 132))],
  ['figma token', join('fig', 'd_', gen(40, 133))],
  ['notion token', join('nt', 'n_', gen(46, 134))],
  ['heroku key', join('HR', 'KU-', gen(60, 135))],
  ['atlassian token', join('ATA', 'TT3xFfGF0', gen(180, 136))],
  ['azure storage connection string', `DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=${gen(86, 137)}==;EndpointSuffix=core.windows.net`],
];

for (const [kind, text] of TOKENS) {
  test(`a provider token in running text: ${kind}`, () => {
    const secret = text.includes('=') && !text.startsWith('https') ? text.slice(text.search(/Key=|TOKEN=/) + (text.includes('AccountKey=') ? 11 : 18)) : text;
    const inText = `here it is: ${text} (rotate it)`;
    const out = redactText(inText);
    assertGone(out, secret.replace(/;EndpointSuffix.*$/, ''), kind);
    assert.match(out, /\[REDACTED:[a-z0-9-]+\] \(rotate it\)$|\[REDACTED:[a-z0-9-]+\];EndpointSuffix/);
  });
}

test('an unlabeled high-entropy value in tool output, such as a storage key listed by a cloud CLI', () => {
  const key1 = `${gen(86, 140, ALNUM + '+/')}==`;
  const key2 = `${gen(86, 141, ALNUM + '+/')}==`;
  const output = JSON.stringify([{ keyName: 'key1', permissions: 'FULL', value: key1 }, { keyName: 'key2', permissions: 'FULL', value: key2 }], null, 2);
  const out = redactText(output);
  assertGone(out, key1, 'key1');
  assertGone(out, key2, 'key2');
  assertGone(redactText(`  ${gen(40, 142)}\n`), gen(40, 142), 'a bare generated line');
});

test('high-entropy look-alikes that are not secrets are left alone', () => {
  for (const text of [
    'commit 3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b',
    'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    '"integrity": "sha512-Lz7yB0cS7fB5Fh0Rk3C1p0XlYlWQ2c7N1wYbQm3Q3FZ0e1wE7bX1z3n2Q=="',
    'src/core/redact/detectors/provider-tokens.ts:12:3',
    'ERROR TestOrderRoundingWithCouponAndTaxInCents failed',
    'id 123e4567-e89b-12d3-a456-426614174000',
    'github.com/entireio/cli/cmd/entire/cli/strategy/manual_commit_test.go',
  ]) {
    assert.equal(redactText(text), text, text);
  }
});

test('secrets hidden by encoding: base64, JSON escapes, a token wrapped over two lines', () => {
  const gh = join('gh', 'p_', gen(36, 150));
  const b64 = Buffer.from(`GITHUB_TOKEN=${gh}\n`).toString('base64');
  assertGone(redactText(`echo ${b64} | base64 -d > .env`), b64, 'base64 of a .env line');
  assertGone(redactText(`data:\n  token: ${Buffer.from(gh).toString('base64')}\n`), Buffer.from(gh).toString('base64'), 'base64 of a bare token');
  const escaped = gh.replace(/./g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  assertGone(redactText(`{"content": "token = \\"${escaped}\\""}`), escaped.slice(0, 60), 'JSON \\u escapes');
  const wrapped = `${gh.slice(0, 20)}\n${gh.slice(20)}`;
  const out = redactText(`the token is\n${wrapped}\nend`);
  assert.ok(!out.includes(gh.slice(0, 20)) && !out.includes(gh.slice(20)), `wrapped: ${out}`);
});

test('secrets in prose', () => {
  for (const [text, secret] of [
    [`please log in, my password is ${pw} thanks`, pw],
    [`The password was "${plain}" but I changed it`, plain],
    [`use ${plain} as the password for the staging box`, plain],
    [`my passphrase is correct-horse-${plain}`, `correct-horse-${plain}`],
    [`the api key is ${gen(32, 160)}.`, gen(32, 160)],
    [`pw: ${plain}`, plain],
  ] as Array<[string, string]>) {
    assertGone(redactText(text), secret, text);
  }
  for (const text of ['my password is wrong', 'the password is stored in the keychain', 'the token is expired, refresh it', 'Your password is too short.']) {
    assert.equal(redactText(text), text, text);
  }
});

test('a token in a working-directory path', () => {
  const gh = join('gh', 'p_', gen(36, 170));
  const t: Trajectory = { source: 'claude-code', format: 'claude-code-jsonl', sessionId: 's', workspace: `/home/dev/clones/${gh}/api`, turns: [] };
  const out = redactTrajectory(t);
  assertGone(out.workspace ?? '', gh, 'workspace');
  assert.equal(redactTrajectory({ ...t, workspace: '/home/dev/token-service' }).workspace, '/home/dev/token-service');
});

test('findSecrets types the new finds', () => {
  assert.ok(findSecrets(`x ${join('12345', '6789', ':AA', gen(33, 107))} y`).some((f) => f.type === 'telegram-token'));
});

test('false positives found on real sessions stay fixed: test-runner status lines, code under a token-ish name', () => {
  for (const text of [
    '--- PASS: TestParseLogLevel/DEBUG_lowercase (0.00s)\n--- PASS: TestInit_RejectsInvalidSessionIDs/valid_UUID-like_ID (0.02s)',
    'CheckpointsCount: 3,\n    TokenUsage: &checkpoint.TokenUsage{\n      InputTokens: 1000,',
  ]) {
    assert.equal(redactText(text), text, text);
  }
  assert.equal(redactText('pass: Kq8vRz2mWx4n'), 'pass: [REDACTED:password]');
});

test('a commit hash at the end of a line is not joined with the next line into a "wrapped token"', () => {
  const text = 'commit 19293f539da430ce98944d098d54f3ae7b69b878\nAuthor: Ada <ada@example.com>\nEntire-Session: 2026-01-15-43b2bd6e-ccc5-4d83-bbe5-9cd1cd19cc82\nEntire-Strategy: manual';
  assert.equal(redactText(text), text);
});

test('stand-ins and code seen in real sessions are not redacted: masks after a prefix, template fills, "disabled", word constants', () => {
  for (const text of [
    'POSTHOG_API_KEY=phc_xxxxx entire help',
    'POSTHOG_KEY="phc_your_production_key" # from the secrets manager',
    '- "Authorization: Bearer #{GitHubHelper.token}"',
    '  // If no API key, telemetry is disabled\n  apiKey = "disabled"',
    '\tMetadataTrailerKey = "Entire-Metadata"',
    '- Users can override key: `POSTHOG_API_KEY=test_key entire help`',
    '**Key Files to Modify:**\n- Frontend auth: /frontend/src/pages/auth/AuthProvider.tsx, /frontend/src/pages/auth/api.ts',
  ]) {
    assert.equal(redactText(text), text, text);
  }
});
