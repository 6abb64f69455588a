/**
 * Redaction: secrets never leave the machine or land in a skill. Everything is redacted before it is stored
 * for the pipeline or sent anywhere.
 */
export { findSecrets } from './find-secrets';
export { redactText } from './redact-text';
export { redactTexts } from './redact-many';
export { redactJsonValue, redactTogether, redactTrajectory } from './redact-trajectory';
export { isSecretName } from './secret-names';
export { isPlaceholder, placeholder } from './placeholder';
export type { Finding, SecretType } from './types';
