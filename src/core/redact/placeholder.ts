import type { SecretType } from './types';

export const PLACEHOLDER_PREFIX = '[REDACTED:';

export function placeholder(type: SecretType): string {
  return `${PLACEHOLDER_PREFIX}${type}]`;
}

const WHOLE_PLACEHOLDER = /^\[REDACTED:[a-z0-9-]+\]$/;

/** True when the string is exactly one placeholder, i.e. it has been redacted already. */
export function isPlaceholder(s: string): boolean {
  return WHOLE_PLACEHOLDER.test(s);
}
