// The extension-host test entry (extensionTestsPath): VS Code loads this bundle and awaits run().
import { runAll } from './runner';
import './activation';
import './listSkills';
import './documents';
import './review';
import './commands';
import './lm';
import './evolveSettings';
import './canary';
import './names';
import './evaluate';

export function run(): Promise<void> {
  return runAll();
}
