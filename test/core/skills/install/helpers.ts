import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeError } from '../../../../src/core/errors';
import type { InstallContext } from '../../../../src/core/skills/install/install';
import { SkillLibrary } from '../../../../src/core/skills/library/library';
import { StateStore } from '../../../../src/core/store/database';

export function tempDir(prefix = 'skillsmith-install-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function skillText(name: string, body: string): string {
  return `---\nname: ${name}\ndescription: Handles ${name} tasks. Use when the user works on ${name}.\n---\n\n${body}\n`;
}

/** A Skillsmith home, a user home and a workspace, all fresh, with the library and store open. */
export async function world(): Promise<InstallContext & { root: string; workspace: string; close(): Promise<void> }> {
  const root = tempDir();
  const userHome = join(root, 'user');
  const workspace = join(root, 'workspace');
  mkdirSync(userHome);
  mkdirSync(workspace);
  const skillsmithHome = join(root, 'skillsmith');
  const store = await StateStore.open(join(skillsmithHome, 'state.db'));
  const library = await SkillLibrary.open(join(skillsmithHome, 'library'));
  return { root, workspace, store, library, skillsmithHome, userHome, close: () => store.close() };
}

/** Adds (or updates) a skill in the library from files written to a scratch folder; returns the version id. */
export async function addSkill(library: SkillLibrary, name: string, body: string, extra: Record<string, string | Uint8Array> = {}): Promise<string> {
  const src = join(tempDir('skillsmith-src-'), name);
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'SKILL.md'), skillText(name, body));
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(dirname(join(src, path)), { recursive: true });
    writeFileSync(join(src, path), content, { mode: path.startsWith('scripts/') ? 0o755 : 0o644 });
  }
  return (await library.add(src)).id;
}

/** Rejects with an error whose one-line description (message, place and hint) matches. */
export async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e) => {
    assert.match(describeError(e), pattern);
    return true;
  });
}

export function throwsWith(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e) => {
    assert.match(describeError(e), pattern);
    return true;
  });
}
