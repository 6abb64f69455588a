import { join } from 'node:path';
import { appDataFolder, envPath, type DiscoveryEnvironment } from '../environment';

/** A VS Code-family editor's `User` folder. */
export interface EditorUserDir {
  /** e.g. `VS Code Insiders` */
  editor: string;
  path: string;
}

const VSCODE_PRODUCTS: ReadonlyArray<[product: string, editor: string]> = [
  ['Code', 'VS Code'],
  ['Code - Insiders', 'VS Code Insiders'],
  ['VSCodium', 'VSCodium'],
];

/** The `User` folders of VS Code, Insiders and VSCodium, plus a portable install named by `VSCODE_PORTABLE`. */
export function vscodeUserDirs(e: DiscoveryEnvironment): EditorUserDir[] {
  const base = appDataFolder(e);
  const dirs = VSCODE_PRODUCTS.map(([product, editor]) => ({ editor, path: join(base, product, 'User') }));
  const portable = envPath(e, 'VSCODE_PORTABLE');
  if (portable) dirs.push({ editor: 'VS Code (portable)', path: join(portable, 'user-data', 'User') });
  return dirs;
}

/** Cursor is a VS Code fork and keeps the same layout under `Cursor/User`. */
export function cursorUserDir(e: DiscoveryEnvironment): EditorUserDir {
  return { editor: 'Cursor', path: join(appDataFolder(e), 'Cursor', 'User') };
}
