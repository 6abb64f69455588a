import type { Command } from 'commander';
import { registerIngest } from './ingest';
import { registerInspect } from './inspect';
import { registerDistill } from './distill';
import { registerLibrary } from './library';
import { registerRedact } from './redact';
import { registerSources } from './sources';
import { registerStatus } from './status';
import { registerUsage } from './usage';
import { registerCanary } from './canary';
import { registerValidate } from './validate';
import { registerAbsorb } from './absorb';
import { registerInstall } from './install';
import { registerInstalls } from './installs';
import { registerUninstall } from './uninstall';
import { registerMatch } from './match';
import { registerPrompt } from './prompt';
import { registerScan } from './scan';
import { registerTrust } from './trust';
import { registerConfusability } from './confusability';
import { registerEval } from './eval';

/** Every command registers itself here, one file per command. */
export function registerAll(program: Command): void {
  void program;
  registerStatus(program);
  registerValidate(program);
  registerLibrary(program);
  registerDistill(program);
  registerInspect(program);
  registerRedact(program);
  registerSources(program);
  registerIngest(program);
  registerUsage(program);
  registerCanary(program);
  registerInstall(program);
  registerUninstall(program);
  registerInstalls(program);
  registerAbsorb(program);
  registerMatch(program);
  registerPrompt(program);
  registerScan(program);
  registerTrust(program);
  registerConfusability(program);
  registerEval(program);
}
