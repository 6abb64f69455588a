/**
 * Fake secrets of several kinds, shaped like the real ones so the redactor must catch them, and the
 * distinctive parts that must never appear anywhere after redaction.
 */
export const PLANTED = {
  aws: 'AKIAZ7QX3M4PLR2VWY6T',
  github: 'ghp_R8sT2uVw4XyZ6aB8cD0eF2gH4iJ6kL8mN0pQ',
  openai: 'sk-proj-Q7vX2mK9pL4nR8tW3yZ6bC1dF5gH0jS2uV9xA4eI7oU',
  urlPassword: 'S3cr3tPa55w0rd',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaWF0IjoxNzAwMDAwMDAwfQ.Zk3uPq9Rm2Xw7Yt5Vb1Nc8Ld4Hf6Js0Ga3Ke9Qp2Wx4',
  privateKeyBody: 'MIIEowIBAAKCAQEAxQ7vX2mK9pL4nR8tW3yZ6bC1dF5gH0jS2uV9xA4eI7oUqP3',
  envSecret: 'hunter2isnotgood',
  toolPassword: 'Tr0ub4dor&3xyz',
} as const;

/** Text that carries most of them, as a prompt or a command output would. */
export function secretText(): string {
  return [
    `my key is ${PLANTED.aws} and the token ${PLANTED.github}`,
    `OPENAI_API_KEY=${PLANTED.openai}`,
    `connect to postgres://admin:${PLANTED.urlPassword}@db.internal:5432/shop`,
    `Authorization: Bearer ${PLANTED.jwt}`,
    `-----BEGIN RSA PRIVATE KEY-----\n${PLANTED.privateKeyBody}\nrT5yW8zB1cE4fG7hJ0kL3mN6pQ9sV2uX5wY8zA1bC4dE7fG0hJ3kL6mN9pQ2sV5\n-----END RSA PRIVATE KEY-----`,
    `export STRIPE_SECRET=${PLANTED.envSecret}`,
  ].join('\n');
}

/** The planted values found in `haystack`, by name. */
export function leakedSecrets(haystack: string | Buffer): string[] {
  const text = typeof haystack === 'string' ? haystack : haystack.toString('latin1');
  return Object.entries(PLANTED)
    .filter(([, secret]) => text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1)))
    .map(([name]) => name);
}
