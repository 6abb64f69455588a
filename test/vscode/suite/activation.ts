import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './runner';

export const EXTENSION_ID = 'skillsmith.skillsmith';

interface Manifest {
  contributes: { commands: Array<{ command: string }> };
}

test('the extension activates and registers every command it contributes', async () => {
  const extension = vscode.extensions.getExtension<unknown>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  assert.equal(extension.isActive, true);
  const registered = new Set(await vscode.commands.getCommands(true));
  const contributed = (extension.packageJSON as Manifest).contributes.commands.map((c) => c.command);
  assert.ok(contributed.length > 0, 'package.json contributes no commands');
  assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
});
