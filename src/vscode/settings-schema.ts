import manifest from '../../package.json';

/** What package.json says about one setting: enough to check a value the user wrote by hand. */
export interface SettingSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  default: unknown;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: { type: string };
}

const PREFIX = 'skillsmith.';

/** Every setting the extension reads (settings.ts types each; a test checks package.json contributes exactly these). */
export const SETTING_KEYS = [
  'home',
  'transcriptFolders',
  'allWorkspaces',
  'llm.provider',
  'llm.baseUrl',
  'llm.model',
  'llm.embeddings.baseUrl',
  'llm.embeddings.model',
  'llm.requestsPerMinute',
  'llm.tokensPerMinute',
  'llm.burst',
  'llm.maxConcurrent',
  'llm.timeoutSeconds',
  'llm.maxRetries',
  'llm.maxOutputTokens',
  'statusBar.enabled',
  'distill.minSessions',
  'canary.autoStart',
  'canary.share',
  'canary.maxSessionsPerArm',
  'canary.looks',
  'canary.expireAfterDays',
  'trust.promote.minUses',
  'trust.promote.minLower',
  'trust.demote.minUses',
  'trust.demote.minLower',
  'trust.quarantine.minUses',
  'trust.quarantine.maxUpper',
  'trust.block.minUses',
  'trust.block.maxUpper',
  'handEdits.quietMinutes',
] as const;

/** The contributed settings, keyed without the `skillsmith.` prefix. */
export function contributedSettings(properties: Record<string, unknown> = manifest.contributes.configuration.properties): Map<string, SettingSchema> {
  const out = new Map<string, SettingSchema>();
  for (const [key, schema] of Object.entries(properties)) {
    if (key.startsWith(PREFIX)) out.set(key.slice(PREFIX.length), schema as SettingSchema);
  }
  return out;
}

/** Why `value` does not fit `schema`, or undefined when it does. */
export function checkSettingValue(schema: SettingSchema, value: unknown): string | undefined {
  const got = JSON.stringify(value);
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return `expected text, got ${got}`;
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return `expected true or false, got ${got}`;
      break;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number, got ${got}`;
      if (schema.type === 'integer' && !Number.isInteger(value)) return `expected a whole number, got ${got}`;
      if (schema.minimum !== undefined && value < schema.minimum) return `expected at least ${schema.minimum}, got ${got}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `expected at most ${schema.maximum}, got ${got}`;
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return `expected more than ${schema.exclusiveMinimum}, got ${got}`;
      if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return `expected less than ${schema.exclusiveMaximum}, got ${got}`;
      break;
    case 'array':
      if (!Array.isArray(value) || !value.every((v) => typeof v === (schema.items?.type ?? 'string'))) return `expected a list of ${schema.items?.type ?? 'string'}s, got ${got}`;
      break;
  }
  if (schema.enum && !schema.enum.includes(value)) return `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${got}`;
  return undefined;
}

/**
 * The settings a workspace may not set while it is untrusted: every one that chooses a model, a provider, a
 * folder or which sessions are read. package.json's `capabilities.untrustedWorkspaces.restrictedConfigurations`
 * lists them, and VS Code then hides the workspace's values; the accessor enforces the same list itself.
 */
export const RESTRICTED_KEYS: ReadonlySet<string> = new Set(
  manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length)),
);

/** What `WorkspaceConfiguration.inspect` gives for one setting, the parts this reads. */
export interface InspectedValues {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The value that applies, or undefined for the default: the most specific of folder, workspace and user
 * values; in an untrusted workspace a restricted setting takes the user's value only.
 */
export function scopedValue(key: string, inspected: InspectedValues | undefined, trusted: boolean): unknown {
  if (!inspected) return undefined;
  if (!trusted && RESTRICTED_KEYS.has(key)) return inspected.globalValue;
  return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
}
