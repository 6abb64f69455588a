import * as vscode from 'vscode';
import { resolveHome, type HomePaths } from '../core/home';
import { SETTINGS_SECTION } from './ids';
import { log } from './log';

/** The `skillsmith.*` settings, as contributed in package.json. */
export interface Settings {
  /** Home folder for the library and state; empty means $SKILLSMITH_HOME, then ~/.skillsmith. */
  home: string;
}

const DEFAULTS: Settings = {
  home: '',
};

/** Reads every setting, falling back to the default (and saying so in the log) when a value has the wrong type. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as Array<keyof Settings>) {
    const value: unknown = config.get(key);
    if (value === undefined) continue;
    if (typeof value === typeof DEFAULTS[key]) settings[key] = value as Settings[typeof key];
    else log().warn(`setting ${SETTINGS_SECTION}.${key}: expected a ${typeof DEFAULTS[key]}, got ${JSON.stringify(value)}; using the default`);
  }
  return settings;
}

/** True when a configuration change touches the given setting. */
export function affects(event: vscode.ConfigurationChangeEvent, key: keyof Settings): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`);
}

/** The home folders the extension works in right now (the setting, then $SKILLSMITH_HOME, then ~/.skillsmith). */
export function currentHome(): HomePaths {
  return resolveHome(readSettings().home);
}
