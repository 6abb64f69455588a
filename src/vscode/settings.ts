import * as vscode from 'vscode';
import { resolveHome, type HomePaths } from '../core/home';
import type { DistillRules } from '../core/distill/distill';
import type { LlmLimits, LlmProvider } from '../core/llm/config';
import { SETTINGS_SECTION } from './ids';
import { log } from './log';
import { checkSettingValue, contributedSettings, scopedValue, SETTING_KEYS, type SettingSchema } from './settings-schema';

/**
 * Every `skillsmith.*` setting, by its key under the section. package.json's `contributes.configuration` is
 * the source of truth: defaults, types and bounds come from there (settings-schema.ts reads them), and a test
 * checks that this map and the manifest name the same keys.
 */
export interface SettingValues {
  home: string;
  transcriptFolders: string[];
  allWorkspaces: boolean;
  'llm.provider': LlmProvider;
  'llm.baseUrl': string;
  'llm.model': string;
  'llm.embeddings.baseUrl': string;
  'llm.embeddings.model': string;
  'llm.requestsPerMinute': number;
  'llm.tokensPerMinute': number;
  'llm.burst': number;
  'llm.maxConcurrent': number;
  'llm.timeoutSeconds': number;
  'llm.maxRetries': number;
  'llm.maxOutputTokens': number;
  'statusBar.enabled': boolean;
  'distill.minSessions': number;
  'canary.autoStart': boolean;
  'canary.share': number;
  'canary.maxSessionsPerArm': number;
  'canary.looks': number;
  'canary.expireAfterDays': number;
  'trust.promote.minUses': number;
  'trust.promote.minLower': number;
  'trust.demote.minUses': number;
  'trust.demote.minLower': number;
  'trust.quarantine.minUses': number;
  'trust.quarantine.maxUpper': number;
  'trust.block.minUses': number;
  'trust.block.maxUpper': number;
  'handEdits.quietMinutes': number;
}

export type SettingKey = keyof SettingValues;

// the typed map and the list of keys name the same settings (a compile error otherwise)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const KEYS_MATCH: Same<SettingKey, (typeof SETTING_KEYS)[number]> = true;
void KEYS_MATCH;

const SCHEMAS: ReadonlyMap<string, SettingSchema> = contributedSettings();

/**
 * One setting, or its contributed default (with a line in the log) when the user's value is unusable. Every
 * read goes through here, so the untrusted-workspace rule (settings-schema.ts `scopedValue`) holds everywhere.
 */
export function setting<K extends SettingKey>(key: K): SettingValues[K] {
  const schema = SCHEMAS.get(key);
  if (!schema) throw new Error(`programming error: ${SETTINGS_SECTION}.${key} is not contributed in package.json`);
  // not VS Code's hiding alone: in an untrusted workspace a restricted setting is read from the user's settings only
  const value = scopedValue(key, vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect(key), vscode.workspace.isTrusted);
  const problem = value === undefined ? undefined : checkSettingValue(schema, value);
  if (value === undefined || problem) {
    if (problem) log().warn(`setting ${SETTINGS_SECTION}.${key}: ${problem}; using the default ${JSON.stringify(schema.default)}`);
    return schema.default as SettingValues[K];
  }
  return value as SettingValues[K];
}

/** Writes a setting for the user (all workspaces), which is where the configure commands put their answers. */
export async function updateSetting<K extends SettingKey>(key: K, value: SettingValues[K] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

/** True when a configuration change touches one of the given settings. */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: SettingKey[]): boolean {
  return keys.some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
}

/** The home folders the extension works in right now (the setting, then $SKILLSMITH_HOME, then ~/.skillsmith). */
export function currentHome(): HomePaths {
  return resolveHome(setting('home'));
}

/** The model limits as the LLM layer takes them. */
export function llmLimits(): LlmLimits {
  return {
    requestsPerMinute: setting('llm.requestsPerMinute'),
    tokensPerMinute: setting('llm.tokensPerMinute'),
    burst: setting('llm.burst'),
    maxConcurrent: setting('llm.maxConcurrent'),
    timeoutMs: setting('llm.timeoutSeconds') * 1000,
    maxRetries: setting('llm.maxRetries'),
  };
}

/**
 * The distill and evolve rules as the worker takes them. Each value already fits its own schema; a
 * combination the core refuses (say, more looks than sessions) is reported by the job with the setting named.
 */
export function distillRules(): DistillRules {
  return {
    minSessions: setting('distill.minSessions'),
    canary: {
      share: setting('canary.share'),
      maxSessionsPerArm: setting('canary.maxSessionsPerArm'),
      looks: setting('canary.looks'),
      expireAfterDays: setting('canary.expireAfterDays'),
    },
    autoStartCanaries: setting('canary.autoStart'),
    trust: {
      promote: { minUses: setting('trust.promote.minUses'), minLower: setting('trust.promote.minLower') },
      demote: { minUses: setting('trust.demote.minUses'), minLower: setting('trust.demote.minLower') },
      quarantine: { minUses: setting('trust.quarantine.minUses'), maxUpper: setting('trust.quarantine.maxUpper') },
      block: { minUses: setting('trust.block.minUses'), maxUpper: setting('trust.block.maxUpper') },
    },
  };
}

/** How long a hand-edited skill folder must be untouched before it is recorded, in milliseconds. */
export function handEditQuietMs(): number {
  return setting('handEdits.quietMinutes') * 60_000;
}
