import type { Command } from 'commander';
import { registerInspect } from './inspect';
import { registerLibrary } from './library';
import { registerStatus } from './status';
import { registerValidate } from './validate';

/** Every command registers itself here, one file per command. */
export function registerAll(program: Command): void {
  void program;
  registerStatus(program);
  registerValidate(program);
  registerLibrary(program);
  registerInspect(program);
}
