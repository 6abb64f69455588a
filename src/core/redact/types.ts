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
  jwt: 7,
  'bearer-token': 5,
  'basic-auth': 5,
  'url-credentials': 4,
  password: 3,
  'env-secret': 2,
  secret: 1,
};

export function specificity(type: SecretType): number {
  return SPECIFICITY[type];
}
