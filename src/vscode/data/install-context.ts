import { homedir } from 'node:os';
import type { HomePaths } from '../../core/home';
import type { TrustRules } from '../../core/match/trust/levels';
import { TrustStore } from '../../core/match/trust/trust-store';
import type { InstallContext, InstallScope } from '../../core/skills/install';
import type { SkillLibrary } from '../../core/skills/library/library';
import type { StateStore } from '../../core/store/database';

/**
 * Installs as the editor makes and moves them: for this user, judged by the user's trust rules, moving only
 * `scopes` (editorInstallScopes(): the user's own in Restricted Mode). Free of `vscode`, so tests run it plainly.
 */
export function editorInstallContext(store: StateStore, library: SkillLibrary, home: HomePaths, trustRules?: TrustRules, scopes?: readonly InstallScope[]): InstallContext {
  const trust = new TrustStore(store, trustRules);
  return {
    store,
    library,
    skillsmithHome: home.root,
    userHome: homedir(),
    isQuarantined: (skill, version) => trust.isQuarantined({ skill, version }),
    ...(scopes ? { scopes } : {}),
  };
}
