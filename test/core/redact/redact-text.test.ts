import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSecrets, redactText, redactTexts } from '../../../src/core/redact';
import { encryptedRsaKey, jwt, privateKey, randomString, token, type Planted } from './planted';

const t = token;
const aws = { id: t.awsAccessKeyId(), secret: t.awsSecretAccessKey() };
const jwtValue = jwt();
const generic = t.generic();
const pass = 'Tr0ub4dor&3x';
const shellPass = 'Tr0ub4dor_3x';

const PLANTED: Planted[] = [
  // private keys, every variant, and ones cut off before their END marker
  ...(['RSA', 'EC', 'DSA', 'OPENSSH', 'ENCRYPTED', '', 'PGP'] as const).map((kind) => {
    const key = privateKey(kind);
    return { name: `private key ${kind || 'PKCS8'}`, text: `key file:\n${key}\ndone`, secret: key, type: 'private-key' as const, expected: 'key file:\n[REDACTED:private-key]\ndone' };
  }),
  (() => {
    const key = encryptedRsaKey();
    return { name: 'encrypted PEM with armor headers', text: `$ cat id_rsa\n${key}\n$ `, secret: key, type: 'private-key' as const, expected: '$ cat id_rsa\n[REDACTED:private-key]\n$ ' };
  })(),
  (() => {
    const key = privateKey('RSA', 43);
    const cut = key.slice(0, key.length - 200);
    return { name: 'truncated private key', text: `${cut}\n... [output truncated]`, secret: cut.slice(cut.lastIndexOf('\n') + 1), type: 'private-key' as const, expected: '[REDACTED:private-key]\n... [output truncated]' };
  })(),
  (() => {
    const key = privateKey('', 44);
    const escaped = key.replace(/\n/g, '\\n');
    const text = `{"type": "service_account", "private_key_id": "abc", "private_key": "${escaped}\\n", "client_email": "x@y.iam"}`;
    return { name: 'private key inside JSON with \\n escapes', text, secret: escaped.split('\\n')[2]!, type: 'private-key' as const, expected: '{"type": "service_account", "private_key_id": "abc", "private_key": "[REDACTED:private-key]\\n", "client_email": "x@y.iam"}' };
  })(),
  (() => {
    const key = privateKey('OPENSSH', 45);
    const head = key.split('\n').slice(0, 3).join('\n');
    return { name: 'private key cut mid-line', text: `${head.slice(0, -10)}`, secret: head.split('\n')[1]!, type: 'private-key' as const, expected: '[REDACTED:private-key]' };
  })(),
  // JWT and bearer tokens
  { name: 'JWT', text: `id_token: ${jwtValue}`, secret: jwtValue, type: 'jwt', expected: 'id_token: [REDACTED:jwt]' },
  { name: 'JWT as a bearer token', text: `curl -H "Authorization: Bearer ${jwtValue}" https://api.example.com`, secret: jwtValue, type: 'jwt', expected: 'curl -H "Authorization: Bearer [REDACTED:jwt]" https://api.example.com' },
  { name: 'Authorization: Bearer', text: `Authorization: Bearer ${generic}`, secret: generic, type: 'bearer-token', expected: 'Authorization: Bearer [REDACTED:bearer-token]' },
  { name: 'lower-case bearer in prose', text: `then call it with bearer ${generic} and it works`, secret: generic, type: 'bearer-token', expected: 'then call it with bearer [REDACTED:bearer-token] and it works' },
  { name: 'JSON Authorization header', text: `{"headers": {"Authorization": "Bearer ${generic}"}}`, secret: generic, type: 'bearer-token', expected: '{"headers": {"Authorization": "Bearer [REDACTED:bearer-token]"}}' },
  (() => {
    const basic = Buffer.from(`deploy:${pass}`).toString('base64');
    return { name: 'Authorization: Basic', text: `Authorization: Basic ${basic}`, secret: basic, type: 'basic-auth' as const, expected: 'Authorization: Basic [REDACTED:basic-auth]' };
  })(),
  // assignments to secret-looking names
  { name: '.env API_KEY', text: `API_KEY=${generic}\nDEBUG=1`, secret: generic, type: 'env-secret', expected: 'API_KEY=[REDACTED:env-secret]\nDEBUG=1' },
  { name: '.env plain word value', text: 'JWT_SECRET=supersecretvalue', secret: 'supersecretvalue', type: 'env-secret', expected: 'JWT_SECRET=[REDACTED:env-secret]' },
  { name: 'export with quotes', text: `export GITHUB_TOKEN="${generic}"`, secret: generic, type: 'env-secret', expected: 'export GITHUB_TOKEN="[REDACTED:env-secret]"' },
  { name: 'env prefix on a command', text: `SERVICE_TOKEN=${generic} npm run deploy`, secret: generic, type: 'env-secret', expected: 'SERVICE_TOKEN=[REDACTED:env-secret] npm run deploy' },
  { name: 'YAML password', text: `db:\n  user: app\n  password: ${pass}\n`, secret: pass, type: 'password', expected: 'db:\n  user: app\n  password: [REDACTED:password]\n' },
  { name: 'YAML password with comment', text: `password: ${pass}  # rotate monthly`, secret: pass, type: 'password', expected: 'password: [REDACTED:password]  # rotate monthly' },
  { name: 'JSON secret', text: `{"name": "svc", "secret": "${generic}"}`, secret: generic, type: 'env-secret', expected: '{"name": "svc", "secret": "[REDACTED:env-secret]"}' },
  { name: 'JSON password number', text: '{"user": "ada", "password": 73921846}', secret: '73921846', type: 'password', expected: '{"user": "ada", "password": [REDACTED:password]}' },
  { name: 'escaped JSON inside JSON', text: `"{\\"api_key\\": \\"${generic}\\"}"`, secret: generic, type: 'env-secret', expected: '"{\\"api_key\\": \\"[REDACTED:env-secret]\\"}"' },
  { name: 'value cut off before its closing quote', text: `{"api_key": "${generic}`, secret: generic, type: 'env-secret', expected: '{"api_key": "[REDACTED:env-secret]' },
  { name: 'Python literal', text: `client = Client(client_secret="${generic}")`, secret: generic, type: 'env-secret', expected: 'client = Client(client_secret="[REDACTED:env-secret]")' },
  { name: 'code constant', text: `const DB_PASSWORD = '${pass}';`, secret: pass, type: 'password', expected: "const DB_PASSWORD = '[REDACTED:password]';" },
  { name: 'passphrase with spaces', text: 'passphrase = "correct horse battery staple"', secret: 'correct horse battery staple', type: 'password', expected: 'passphrase = "[REDACTED:password]"' },
  { name: '.env value with shell characters', text: `DB_PASSWORD=${pass}\nDB_HOST=db`, secret: pass, type: 'password', expected: 'DB_PASSWORD=[REDACTED:password]\nDB_HOST=db' },
  { name: 'CLI flag with =', text: `mysql --user=app --password=${shellPass} prod`, secret: shellPass, type: 'password', expected: 'mysql --user=app --password=[REDACTED:password] prod' },
  { name: 'CLI flag with a space', text: `vault login --token ${generic}`, secret: generic, type: 'env-secret', expected: 'vault login --token [REDACTED:env-secret]' },
  { name: 'HTTP header', text: `X-Api-Key: ${generic}`, secret: generic, type: 'env-secret', expected: 'X-Api-Key: [REDACTED:env-secret]' },
  { name: '.npmrc auth token', text: `//registry.example.com/:_authToken=${randomString('abcdef0123456789', 32, 50)}`, secret: randomString('abcdef0123456789', 32, 50), type: 'env-secret', expected: '//registry.example.com/:_authToken=[REDACTED:env-secret]' },
  // credentials in URLs
  { name: 'URL user:password', text: `git clone https://ada:${pass}@git.example.com/org/repo.git`, secret: `ada:${pass}`, type: 'url-credentials', expected: 'git clone https://[REDACTED:url-credentials]@git.example.com/org/repo.git' },
  { name: 'URL token as user', text: `https://${generic}@github.com/org/repo`, secret: generic, type: 'url-credentials', expected: 'https://[REDACTED:url-credentials]@github.com/org/repo' },
  { name: 'database URL', text: `DATABASE_URL=postgres://app:${pass}@db.internal:5432/main`, secret: `app:${pass}`, type: 'url-credentials', expected: 'DATABASE_URL=postgres://[REDACTED:url-credentials]@db.internal:5432/main' },
  { name: 'mongodb+srv URL', text: `mongodb+srv://admin:${pass}@cluster0.abcde.mongodb.net/test`, secret: `admin:${pass}`, type: 'url-credentials', expected: 'mongodb+srv://[REDACTED:url-credentials]@cluster0.abcde.mongodb.net/test' },
  { name: 'token query parameter', text: `GET https://api.example.com/v1/items?page=2&token=${generic}&sort=asc`, secret: generic, type: 'url-credentials', expected: 'GET https://api.example.com/v1/items?page=2&token=[REDACTED:url-credentials]&sort=asc' },
  { name: 'api_key query parameter', text: `https://maps.example.com/api?api_key=${generic}`, secret: generic, type: 'url-credentials', expected: 'https://maps.example.com/api?api_key=[REDACTED:url-credentials]' },
  { name: 'signed URL signature', text: `https://bucket.s3.amazonaws.com/f.zip?X-Amz-Expires=300&X-Amz-Signature=${randomString('abcdef0123456789', 64, 51)}`, secret: randomString('abcdef0123456789', 64, 51), type: 'url-credentials' },
  // provider tokens
  { name: 'OpenAI legacy key', text: `OPENAI_API_KEY=${t.openaiLegacy()}`, secret: t.openaiLegacy(), type: 'openai-key', expected: 'OPENAI_API_KEY=[REDACTED:openai-key]' },
  { name: 'OpenAI project key', text: `client = OpenAI(api_key="${t.openaiProject()}")`, secret: t.openaiProject(), type: 'openai-key', expected: 'client = OpenAI(api_key="[REDACTED:openai-key]")' },
  { name: 'Anthropic key', text: `ANTHROPIC_API_KEY="${t.anthropic()}"`, secret: t.anthropic(), type: 'anthropic-key', expected: 'ANTHROPIC_API_KEY="[REDACTED:anthropic-key]"' },
  ...(['ghp', 'gho', 'ghs', 'ghu', 'ghr'] as const).map((kind) => ({ name: `GitHub ${kind}_ token`, text: `token ${t.githubClassic(kind)} works`, secret: t.githubClassic(kind), type: 'github-token' as const, expected: 'token [REDACTED:github-token] works' })),
  { name: 'GitHub fine-grained token', text: `gh auth login --with-token <<< ${t.githubFineGrained()}`, secret: t.githubFineGrained(), type: 'github-token', expected: 'gh auth login --with-token <<< [REDACTED:github-token]' },
  { name: 'GitHub token as Authorization: token', text: `-H "Authorization: token ${t.githubClassic()}"`, secret: t.githubClassic(), type: 'github-token', expected: '-H "Authorization: token [REDACTED:github-token]"' },
  { name: 'Slack bot token', text: `SLACK_BOT=${t.slackBot()}`, secret: t.slackBot(), type: 'slack-token', expected: 'SLACK_BOT=[REDACTED:slack-token]' },
  { name: 'Slack user token', text: `slack token: ${t.slackUser()}`, secret: t.slackUser(), type: 'slack-token', expected: 'slack token: [REDACTED:slack-token]' },
  { name: 'Slack webhook', text: `curl -X POST ${t.slackWebhook()} -d @msg.json`, secret: t.slackWebhook(), type: 'slack-webhook', expected: 'curl -X POST [REDACTED:slack-webhook] -d @msg.json' },
  { name: 'AWS access key id and secret', text: `[default]\naws_access_key_id = ${aws.id}\naws_secret_access_key = ${aws.secret}\n`, secret: aws.secret, type: 'aws-secret-key', expected: '[default]\naws_access_key_id = [REDACTED:aws-access-key]\naws_secret_access_key = [REDACTED:aws-secret-key]\n' },
  { name: 'AWS access key id alone', text: `the key ${aws.id} was rotated`, secret: aws.id, type: 'aws-access-key', expected: 'the key [REDACTED:aws-access-key] was rotated' },
  { name: 'AWS secret in sts JSON', text: `{"AccessKeyId": "${aws.id}", "SecretAccessKey": "${aws.secret}"}`, secret: aws.secret, type: 'aws-secret-key', expected: '{"AccessKeyId": "[REDACTED:aws-access-key]", "SecretAccessKey": "[REDACTED:aws-secret-key]"}' },
  { name: 'Google API key', text: `const maps = load({ key: "${t.google()}" })`, secret: t.google(), type: 'google-api-key', expected: 'const maps = load({ key: "[REDACTED:google-api-key]" })' },
  { name: 'Stripe secret key', text: `stripe.api_key = "${t.stripeLive()}"`, secret: t.stripeLive(), type: 'stripe-key', expected: 'stripe.api_key = "[REDACTED:stripe-key]"' },
  { name: 'npm token', text: `//registry.npmjs.org/:_authToken=${t.npm()}`, secret: t.npm(), type: 'npm-token', expected: '//registry.npmjs.org/:_authToken=[REDACTED:npm-token]' },
  { name: 'SendGrid key (secretlint)', text: `mail key ${t.sendgrid()} here`, secret: t.sendgrid(), type: 'sendgrid-key', expected: 'mail key [REDACTED:sendgrid-key] here' },
  { name: 'Shopify token (secretlint)', text: `shop ${t.shopify()}`, secret: t.shopify(), type: 'shopify-token', expected: 'shop [REDACTED:shopify-token]' },
  { name: 'Linear key (secretlint)', text: `linear ${t.linear()}`, secret: t.linear(), type: 'linear-key', expected: 'linear [REDACTED:linear-key]' },
];

for (const p of PLANTED) {
  test(`redacts a planted secret: ${p.name}`, () => {
    const out = redactText(p.text);
    assert.ok(!out.includes(p.secret), `secret survived in: ${out}`);
    assert.ok(out.includes(`[REDACTED:${p.type}]`), `expected [REDACTED:${p.type}] in: ${out}`);
    if (p.expected !== undefined) assert.equal(out, p.expected);
    assert.equal(redactText(out), out, 'redacting twice changes nothing');
  });
}

test('findSecrets reports each planted secret at its exact place', () => {
  const pinned = PLANTED.filter((p) => p.text.includes(p.secret) && !p.type.includes('private-key'));
  for (const p of pinned) {
    const at = p.text.indexOf(p.secret);
    const found = findSecrets(p.text);
    assert.ok(
      found.some((f) => f.type === p.type && f.start === at && f.end === at + p.secret.length),
      `${p.name}: ${JSON.stringify(found)} lacks ${p.type} at ${at}`,
    );
  }
});

test('every planted secret in one long text: none survives, and spans never overlap', () => {
  const text = PLANTED.map((p) => p.text).join('\n\nsome prose between the samples.\n\n');
  const found = findSecrets(text);
  for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.end <= found[i]!.start, 'findings are ordered and disjoint');
  const out = redactText(text);
  for (const p of PLANTED) assert.ok(!out.includes(p.secret), `${p.name} survived`);
  assert.equal(redactText(out), out);
  assert.doesNotMatch(out, /\[REDACTED:[a-z0-9-]+\][^\s"'`\]\\@&;)<>,]*\[REDACTED/, 'no placeholder glued onto another');
});

test('redactTexts gives the same result as redacting each text alone', () => {
  const texts = [...PLANTED.map((p) => p.text), '', 'plain', 'password:', `tail ${t.githubClassic()}`];
  assert.deepEqual(redactTexts(texts), texts.map(redactText));
});

const NOT_SECRETS: Array<[string, string]> = [
  ['a git sha', 'commit 3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b (HEAD -> main)'],
  ['a UUID', 'session 123e4567-e89b-12d3-a456-426614174000 started'],
  ['a sha256 digest', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ['an npm integrity hash', '"integrity": "sha512-Lz7yB0cS7fB5Fh0Rk3C1p0XlYlWQ2c7N1wYbQm3Q3FZ0e1wE7bX1z3n2Q=="'],
  ['password in prose', 'You can reset your password in settings, then sign in again.'],
  ['password heading in prose', 'Password: required\nToken: expired'],
  ['a TypeScript interface', 'interface Login {\n  username: string;\n  password: string;\n  apiKey?: string;\n}'],
  ['a parameter annotation', 'function login(user: string, password: string): Promise<Token> {}'],
  ['code reading the key from the environment', 'const apiKey = process.env.OPENAI_API_KEY;\nconst token = config.auth.token;'],
  ['variable references', 'API_KEY=${API_KEY}\nexport GITHUB_TOKEN="$GH_TOKEN"\npassword: ${{ secrets.DB_PASSWORD }}'],
  ['stand-ins', 'OPENAI_API_KEY="your-openai-api-key-here"\n"password": "<password>"\nsecret: "****"\nTOKEN=[REDACTED]'],
  ['bearer prose', 'Send a bearer token in the Authorization header: Bearer $TOKEN'],
  ['token counts', '{"max_tokens": 4096, "input_tokens": 1234, "token_count": 55}\nmax_tokens=4096'],
  ['metadata about secrets', 'password_min_length: 12\ntoken_type: bearer\nsecret_name: prod-db\napi_key_env: OPENAI_API_KEY'],
  ['non-credential keys', 'primary_key: id\npublic_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx\nkeyboard: us'],
  ['URLs without credentials', 'ssh://git@github.com/org/repo.git and https://ada@example.com/x and https://example.com/a?page=2&sort=desc'],
  ['a ternary', "const label = hasKey ? apiKey : 'Missing Key';"],
  ['identifiers that name tokens', 'type DotToken = PunctuationToken<SyntaxKind.DotToken>;\ntype PrivateKeyword = ModifierToken<SyntaxKind.PrivateKeyword>;'],
  ['JSON dictionary words', '{"cookie-parser": "cookie-parser", "Unexpected_token_1012": "Token inesperado."}'],
  ['a bare private-key marker in prose', 'A key file starts with -----BEGIN RSA PRIVATE KEY----- and ends with the END line.'],
  ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUEXAMPLEcertificateBodyOnlyForTests0=\n-----END CERTIFICATE-----'],
  ['sk- words', 'We use scikit-learn: pip install sk-learn-extras-and-more-things'],
];

for (const [name, text] of NOT_SECRETS) {
  test(`leaves alone: ${name}`, () => {
    assert.deepEqual(findSecrets(text), []);
    assert.equal(redactText(text), text);
  });
}

test('the empty string and a string of placeholders are unchanged', () => {
  assert.equal(redactText(''), '');
  const placeholders = 'API_KEY=[REDACTED:env-secret] https://[REDACTED:url-credentials]@host Bearer [REDACTED:bearer-token]';
  assert.equal(redactText(placeholders), placeholders);
});
