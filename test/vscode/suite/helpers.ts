import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { SkillsmithApi } from '../../../src/vscode/extension';
import { makeFixtureHome, type FixtureHome } from '../fixtures/fixture-home';
import { EXTENSION_ID } from './activation';

export const REPO = resolve(__dirname, '..');
export const SAMPLES = join(REPO, 'samples', 'sessions');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The extension's exports: its live views and job runner. */
export async function api(): Promise<SkillsmithApi> {
  const extension = vscode.extensions.getExtension<SkillsmithApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Sets a setting for the test workspace (where the earlier tests set `home` too, so it takes effect). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('skillsmith').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Points the extension at `home` and waits until the sidebar shows that library. */
export async function useHome(home: string): Promise<void> {
  const { browser } = await api();
  await vscode.commands.executeCommand('skillsmith.browser.focus');
  const refreshed = new Promise<void>((done) => {
    const sub = browser.onDidRefresh((m) => {
      if (m.library === join(home, 'library')) {
        sub.dispose();
        done();
      }
    });
  });
  await setSetting('home', home);
  await refreshed;
}

/** A fresh fixture library (every state the views show), in use. */
export async function useFixture(): Promise<FixtureHome> {
  const fixture = await makeFixtureHome(tempDir('skillsmith-fixture-'));
  await useHome(fixture.root);
  return fixture;
}

export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function run<T>(command: string, ...args: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(command, ...args);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
