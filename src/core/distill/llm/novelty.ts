import type { Atom } from '../atoms/types';
import { commandsInMarkdown, normalize, programsOf, unsupportedCommands } from './commands';

const WARNING = /fail|error|pitfall|warn|careful|✗|⚠/i;

/**
 * What the evidence shows that a skill does not already say: commands it does not name, failures of
 * commands it never warns about, requests where the user had to correct the agent. A revision is only
 * worth a model call when this is not empty; more of the same evidence leaves the skill as it is, and
 * the list tells the model what to look at when it is asked.
 */
export function novelty(skillBody: string, evidence: readonly Atom[]): string[] {
  const ran = evidence.flatMap((a) => a.steps.filter((s) => s.signature.startsWith('run') && s.detail).map((s) => normalize(s.detail!.split('\n')[0])));
  const known = commandsInMarkdown(skillBody, programsOf(ran));
  const newCommands = unsupportedCommands([...new Set(ran)], known);
  const warned = skillBody.split('\n').filter((l) => WARNING.test(l));
  const failures = new Set<string>();
  for (const a of evidence) {
    for (const s of a.steps) {
      if (!s.failed || !s.detail || !s.signature.startsWith('run')) continue;
      const command = normalize(s.detail.split('\n')[0]);
      if (!warned.some((l) => l.includes(command))) failures.add(command);
    }
  }
  const corrected = evidence.filter((a) => a.signals.corrected).length;
  return [
    ...(newCommands.length ? [`commands the skill does not name: ${newCommands.slice(0, 8).map((c) => `\`${c}\``).join(', ')}`] : []),
    ...(failures.size ? [`failures it does not warn about: ${[...failures].slice(0, 5).map((c) => `\`${c}\``).join(', ')}`] : []),
    ...(corrected ? [`in ${corrected} request${corrected > 1 ? 's' : ''} the user corrected the agent`] : []),
  ];
}
