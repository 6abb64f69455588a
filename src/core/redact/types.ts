/** What kind of secret a finding is; the name goes into the placeholder `[REDACTED:<type>]`. */
export type SecretType =
  | 'private-key'
  | 'jwt'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'openai-key'
  | 'anthropic-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'google-api-key'
  | 'stripe-key'
  | 'npm-token'
  | 'huggingface-token'
  | 'sendgrid-key'
  | 'shopify-token'
  | 'linear-key'
  | '1password-token'
  | 'age-key'
  | 'atlassian-token'
  | 'azure-key'
  | 'databricks-token'
  | 'digitalocean-token'
  | 'discord-token'
  | 'discord-webhook'
  | 'docker-token'
  | 'doppler-token'
  | 'figma-token'
  | 'grafana-token'
  | 'groq-key'
  | 'heroku-key'
  | 'mailchimp-key'
  | 'mailgun-key'
  | 'newrelic-key'
  | 'notion-token'
  | 'perplexity-key'
  | 'postman-key'
  | 'pulumi-token'
  | 'pypi-token'
  | 'replicate-token'
  | 'sentry-token'
  | 'square-token'
  | 'supabase-token'
  | 'tailscale-key'
  | 'telegram-token'
  | 'twilio-key'
  | 'vault-token'
  | 'xai-key'
  | 'high-entropy'
  | 'bearer-token'
  | 'basic-auth'
  | 'url-credentials'
  | 'password'
  | 'env-secret'
  | 'secret';

/** A secret's place in a string: `text.slice(start, end)` is the secret itself, nothing around it. */
export interface Finding {
  type: SecretType;
  start: number;
  end: number;
}

/** A detector appends what it finds in `text` to `out` (appending keeps the hot path free of small arrays). */
export type Detector = (text: string, out: Finding[]) => void;

/**
 * How specific a type is: when findings overlap, the merged span takes the most specific type. A provider's
 * token format says more than "the value of something called API_KEY".
 */
const SPECIFICITY: Record<SecretType, number> = {
  'private-key': 9,
  'aws-access-key': 8,
  'aws-secret-key': 8,
  'openai-key': 8,
  'anthropic-key': 8,
  'github-token': 8,
  'gitlab-token': 8,
  'slack-token': 8,
  'slack-webhook': 8,
  'google-api-key': 8,
  'stripe-key': 8,
  'npm-token': 8,
  'huggingface-token': 8,
  'sendgrid-key': 8,
  'shopify-token': 8,
  'linear-key': 8,
  '1password-token': 8,
  'age-key': 8,
  'atlassian-token': 8,
  'azure-key': 8,
  'databricks-token': 8,
  'digitalocean-token': 8,
  'discord-token': 8,
  'discord-webhook': 8,
  'docker-token': 8,
  'doppler-token': 8,
  'figma-token': 8,
  'grafana-token': 8,
  'groq-key': 8,
  'heroku-key': 8,
  'mailchimp-key': 8,
  'mailgun-key': 8,
  'newrelic-key': 8,
  'notion-token': 8,
  'perplexity-key': 8,
  'postman-key': 8,
  'pulumi-token': 8,
  'pypi-token': 8,
  'replicate-token': 8,
  'sentry-token': 8,
  'square-token': 8,
  'supabase-token': 8,
  'tailscale-key': 8,
  'telegram-token': 8,
  'twilio-key': 8,
  'vault-token': 8,
  'xai-key': 8,
  jwt: 7,
  'bearer-token': 5,
  'basic-auth': 5,
  'url-credentials': 4,
  password: 3,
  'env-secret': 2,
  'high-entropy': 0,
  secret: 1,
};

export function specificity(type: SecretType): number {
  return SPECIFICITY[type];
}
