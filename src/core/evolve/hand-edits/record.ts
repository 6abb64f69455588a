import { CanaryEngine } from '../canary/engine';
import { absorbHandEdits, type AbsorbContext, type AbsorbReport } from './absorb';

export interface RecordReport extends AbsorbReport {
  /** Skills whose running canary stopped because the user's version now stands. */
  canariesStopped: string[];
}

/**
 * Records the quiet hand edits as the user's versions and stops any canary of an edited skill: the user's
 * version overrides an experiment on the same skill. What `skillsmith absorb` and the editor's check both run.
 */
export async function recordHandEdits(ctx: Omit<AbsorbContext, 'onHandEdit'>, onNotice?: (message: string) => void): Promise<RecordReport> {
  const canaries = new CanaryEngine(ctx.store, ctx.library, { onNotice });
  const stopped: string[] = [];
  const report = await absorbHandEdits({
    ...ctx,
    onHandEdit: async (edit) => {
      if (await canaries.cancel(edit.skill, `canary cancelled: the user edited the skill by hand (version ${edit.version.slice(0, 7)})`)) stopped.push(edit.skill);
    },
  });
  return { ...report, canariesStopped: stopped };
}
