import { homedir } from 'node:os';
import { TrustStore } from '../core/match/trust/trust-store';
import { tildePath } from '../core/skills/install/folder-files';
import type { InstallContext } from '../core/skills/install/install';
import { SkillLibrary } from '../core/skills/library/library';
import { StateStore } from '../core/store/database';
import type { CliContext } from './context';
import { trustRulesFromEnv } from './trust-rules';

/**
 * What the install commands work with: the library, the state store, and the user's home from the
 * environment (`HOME`, or `USERPROFILE` on Windows), so a test can point every agent folder at a temp dir.
 */
export async function openInstallContext(ctx: CliContext): Promise<{ install: InstallContext; close(): Promise<void> }> {
  const library = await SkillLibrary.open(ctx.home.library, { onNotice: (m) => ctx.err(`skillsmith: ${m}`) });
  const rules = trustRulesFromEnv();
  const store = await StateStore.open(ctx.home.state, { onNotice: (m) => ctx.err(`skillsmith: ${m}`) });
  const trust = new TrustStore(store, rules);
  const install: InstallContext = {
    store,
    library,
    skillsmithHome: ctx.home.root,
    userHome: homedir(),
    isQuarantined: (skill, version) => trust.isQuarantined({ skill, version }),
  };
  return { install, close: () => store.close() };
}

/** A path for people: the user's home as `~`. */
export function displayPath(path: string): string {
  return tildePath(path, homedir());
}
