import type { Command } from 'commander';

/** Every command registers itself here, one file per command. */
export function registerAll(program: Command): void {
  void program;
}
